/**
 * Lets the bundle drop the zod schemas of @ykt/shared that the mini-app does not use.
 *
 * The app imports only labels and pure rules from '@ykt/shared' at run time, but the labels live next to the
 * zod schemas (shared/src/schemas/*.ts), whose top-level `z.object(...)` calls look like side effects to
 * webpack and terser, so all of zod (~29 KB gzip) came along. This plugin marks every call in the initializer
 * of a top-level `const` in those files as /*#__PURE__*\/; with `sideEffects: false` for the shared sources
 * (config/index.ts) the unused schemas, and zod with them, are left out. Only shared/src/schemas is touched.
 */
const SCHEMAS_DIR = /[\\/]shared[\\/]src[\\/]schemas[\\/]/;

module.exports = function pureSchemaCalls({ types: t }) {
  const isPureComment = (c) => /[@#]__PURE__/.test(c.value);
  const annotate = (path) => {
    const node = path.node;
    if (!(node.leadingComments ?? []).some(isPureComment)) path.addComment('leading', '#__PURE__');
    // webpack only trusts a /*#__PURE__*/ call whose arguments it can itself see are pure (literals,
    // identifiers, functions): an object or array literal argument becomes a pure arrow call returning it.
    for (const arg of path.get('arguments')) {
      if (arg.isObjectExpression() || arg.isArrayExpression() || arg.isTemplateLiteral()) {
        const iife = t.callExpression(t.arrowFunctionExpression([], arg.node), []);
        t.addComment(iife, 'leading', '#__PURE__');
        arg.replaceWith(iife);
      }
    }
  };
  const markCalls = {
    CallExpression: annotate,
    NewExpression: annotate,
    // Callbacks (refine, transform) run later, when a schema parses: leave their bodies alone.
    Function(path) {
      path.skip();
    },
  };
  return {
    name: 'ykt-pure-schema-calls',
    visitor: {
      Program(program, state) {
        if (!SCHEMAS_DIR.test(state.filename ?? '')) return;
        for (const statement of program.get('body')) {
          const declaration = statement.isExportNamedDeclaration() ? statement.get('declaration') : statement;
          if (!declaration?.node || !declaration.isVariableDeclaration()) continue;
          for (const declarator of declaration.get('declarations')) {
            const init = declarator.get('init');
            if (!init.node) continue;
            if (init.isCallExpression() || init.isNewExpression()) annotate(init);
            init.traverse(markCalls);
          }
        }
      },
    },
  };
};
