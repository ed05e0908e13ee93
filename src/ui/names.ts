/**
 * Names in the page's language for what the kernel has no name for: a multicast group known only
 * by its number is "group 3" in English, "grupo 3" in Spanish. Named groups, processes and the
 * kernel keep the names the engine gives them.
 */
import { useCallback } from 'react';
import { endpointName, knownGroupName, type Endpoint } from '../engine';
import { useT } from './i18n';

/** A group's kernel name, or "group 3" in the page's language. */
export function useGroupName(): (group: number, protocol?: number) => string {
  const fallback = useT().process.group;
  return useCallback((group: number, protocol?: number) => knownGroupName(group, protocol) ?? fallback(group), [fallback]);
}

/** "P1", "kernel", or a group's name as useGroupName() gives it. */
export function useEndpointName(): (e: Endpoint) => string {
  const group = useGroupName();
  return useCallback((e: Endpoint) => (e.kind === 'group' ? group(e.group, e.protocol) : endpointName(e)), [group]);
}
