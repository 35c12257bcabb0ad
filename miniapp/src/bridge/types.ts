/**
 * What the pages need from the app that hosts them. Pages import `getBridge()` from './index' and
 * never talk to the 渝快办 container (or the preview) directly.
 */
export interface Bridge {
  readonly kind: 'container' | 'preview';
  /** Runs the host's face recognition; resolves with the one-time token the BFF checks (POST /api/auth/face). */
  verifyFace(): Promise<{ faceToken: string }>;
  /** Opens the host's QR scanner; resolves with the code's content. */
  scanCode(): Promise<string>;
  /** Leaves the mini-app (back to the host). */
  close(): void;
}

/** A demo person of the sandbox identity platform (GET /identity/personas). */
export interface Persona {
  name: string;
  idNumber: string;
  note: string;
}

/** The H5 preview also lets the person pick who they are, instead of a real face scan. */
export interface PreviewBridge extends Bridge {
  readonly kind: 'preview';
  personas(): Promise<Persona[]>;
  selectPersona(persona: Persona): void;
}

export class BridgeError extends Error {
  /** true when the person cancelled (closed the face scan or the scanner): not worth an error message. */
  constructor(
    message: string,
    readonly cancelled = false,
  ) {
    super(message);
    this.name = 'BridgeError';
  }
}

export function isPreviewBridge(b: Bridge): b is PreviewBridge {
  return b.kind === 'preview';
}
