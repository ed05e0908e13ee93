/** Why a capture could not be read, and where: the packet (1-based, as Wireshark counts) and the file offset. */
export class CaptureError extends Error {
  constructor(
    readonly reason: string,
    /** Byte offset in the file where the problem is. */
    readonly offset: number,
    /** Packet number, 1-based, when the problem is in a packet. */
    readonly packet?: number,
  ) {
    super(`${packet !== undefined ? `packet ${packet}, ` : ''}byte ${offset}: ${reason}`);
    this.name = 'CaptureError';
  }
}
