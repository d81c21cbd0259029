/**
 * A violation of the wire protocol found while decoding. The session answers it with
 * `08P01 protocol_violation` (or `54000` for size limits) where the protocol allows and
 * closes the connection: a malformed message costs only its own connection.
 */
export class ProtocolError extends Error {
  constructor(
    message: string,
    readonly kind: "violation" | "too-large" = "violation",
  ) {
    super(message);
    this.name = "ProtocolError";
  }
}
