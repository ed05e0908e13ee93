/**
 * Names in the page's language for what the kernel has no name for: a multicast group known only
 * by its number is "group 3" in English, "grupo 3" in Spanish; a message type, "type 42" and
 * "tipo 42". Named groups and types, processes and the kernel keep the names the engine gives them.
 */
import { useCallback } from 'react';
import { endpointName, knownGroupName, knownMessageTypeName, type Endpoint } from '../engine';
import { useT } from './i18n';

/** A group's kernel name, or "group 3" in the page's language. */
export function useGroupName(): (group: number, protocol?: number) => string {
  const fallback = useT().process.group;
  return useCallback((group: number, protocol?: number) => knownGroupName(group, protocol) ?? fallback(group), [fallback]);
}

/** A message type's kernel name, or "type 42" in the page's language (the inspector's words for it). */
export function useMessageTypeName(): (type: number, protocol?: number) => string {
  const fallback = useT().engine.fields.type;
  return useCallback((type: number, protocol?: number) => knownMessageTypeName(type, protocol) ?? fallback(type), [fallback]);
}

/** "P1", "kernel", or a group's name as useGroupName() gives it. */
export function useEndpointName(): (e: Endpoint) => string {
  const group = useGroupName();
  return useCallback((e: Endpoint) => (e.kind === 'group' ? group(e.group, e.protocol) : endpointName(e)), [group]);
}
