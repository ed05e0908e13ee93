/** A field the decoder found and where its bytes are. The describe layer adds what it means. */
export interface WireField {
  /** Stable id, e.g. "nlmsghdr.nlmsg_len" or "rtattr[1].value". */
  id: string;
  section:
    | 'nlmsghdr'
    | 'rtmsg'
    | 'rtattr'
    | 'nlattr'
    | 'nlmsgerr'
    | 'echoed nlmsghdr'
    | 'echoed payload'
    | 'done'
    | 'padding'
    | 'payload'
    | 'struct'
    | 'rtmgr_entry_msg';
  name: string;
  offset: number;
  length: number;
  value: number | string;
}
