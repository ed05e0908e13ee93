/** The inspector's meanings for an address message: its own attribute names and struct ifaddrmsg, not a route's. */
import { describe, expect, it } from 'vitest';
import { AF_INET } from '../protocol/netlink';
import { IFA_ADDRESS, IFA_LABEL, IFA_LOCAL, RTM_DELADDR } from '../protocol/rtnetlink';
import { encode, type NlMessage } from '../wire/message';
import { decode } from './fields';

describe('an RTM_DELADDR in the inspector', () => {
  const message: NlMessage = {
    header: { len: 0, type: RTM_DELADDR, flags: 0, seq: 0, pid: 0 },
    payload: {
      kind: 'addr',
      ifa: { family: AF_INET, prefixLen: 24, flags: 0x80, scope: 0, index: 3 },
      attrs: [
        { type: IFA_ADDRESS, kind: 'ipv4', value: '10.0.3.1' },
        { type: IFA_LOCAL, kind: 'ipv4', value: '10.0.3.1' },
        { type: IFA_LABEL, kind: 'string', value: 'eth1' },
      ],
    },
  };
  const decoded = decode(encode(message));
  if (!decoded.ok) throw new Error(decoded.error.message);
  const meaning = (name: string) => decoded.value.fields.find((f) => f.name === name)?.meaning;

  it('names each attribute type from the address table (type 1 is IFA_ADDRESS, not RTA_DST)', () => {
    expect(meaning('IFA_ADDRESS.rta_type')).toBe('IFA_ADDRESS');
    expect(meaning('IFA_LOCAL.rta_type')).toBe('IFA_LOCAL');
    expect(meaning('IFA_LABEL.rta_type')).toBe('IFA_LABEL');
    expect(meaning('IFA_ADDRESS')).toBe('IPv4 address, network byte order');
  });

  it('decodes struct ifaddrmsg field by field', () => {
    expect(meaning('ifa_family')).toBe('AF_INET');
    expect(meaning('ifa_prefixlen')).toBe('/24 prefix');
    expect(meaning('ifa_flags')).toBe('0x80');
    expect(meaning('ifa_scope')).toBe('RT_SCOPE_UNIVERSE');
    expect(meaning('ifa_index')).toBe('interface index');
    expect(decoded.value.fields.filter((f) => f.meaning === 'not decoded')).toEqual([]);
  });
});
