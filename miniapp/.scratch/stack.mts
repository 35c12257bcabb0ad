// temporary dev helper (not committed): runs the stack on fixed port for manual checks
import { startStack } from '../../e2e/harness.ts';
const s = await startStack({ port: 3999, logLevel: 'warn' });
console.log(JSON.stringify({ baseUrl: s.baseUrl, sandboxUrl: s.sandboxUrl }));
