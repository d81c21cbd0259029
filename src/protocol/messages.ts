/** Typed frontend messages: what the codec hands to the session. No SQL is interpreted here. */

/** 0 = text, 1 = binary. */
export type FormatCode = 0 | 1;

export type StartupRequest =
  | { type: "Startup"; major: number; minor: number; params: Map<string, string>; protocolOptions: string[] }
  | { type: "SSLRequest" }
  | { type: "GSSENCRequest" }
  | { type: "CancelRequest"; pid: number; secret: number };

export type FrontendMessage =
  | { type: "Query"; sql: string }
  | { type: "Parse"; name: string; sql: string; paramTypes: number[] }
  | {
      type: "Bind";
      portal: string;
      statement: string;
      paramFormats: FormatCode[];
      params: (Uint8Array | null)[];
      resultFormats: FormatCode[];
    }
  | { type: "Describe"; target: "S" | "P"; name: string }
  | { type: "Execute"; portal: string; maxRows: number }
  | { type: "Close"; target: "S" | "P"; name: string }
  | { type: "Sync" }
  | { type: "Flush" }
  | { type: "Terminate" }
  /** PasswordMessage, SASLInitialResponse or SASLResponse: which one depends on the authentication state. */
  | { type: "Password"; body: Buffer }
  | { type: "CopyData"; data: Buffer }
  | { type: "CopyDone" }
  | { type: "CopyFail"; message: string }
  | { type: "FunctionCall" };

export type FrontendMessageType = FrontendMessage["type"];

/** One field of a RowDescription. */
export interface FieldDescription {
  name: string;
  tableOid: number;
  columnNumber: number;
  typeOid: number;
  typeSize: number;
  typeModifier: number;
  format: FormatCode;
}
