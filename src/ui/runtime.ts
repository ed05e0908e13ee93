/**
 * The app is written against React's API and runs on Preact through preact/compat, which costs a
 * tenth of React's bytes on the first load. This file holds the one difference the app meets.
 */
import { options, type VNode } from 'preact';

// SVG attribute names are case-sensitive and Preact writes `tabIndex` on an SVG element as given,
// which the browser ignores: a focusable diagram arrow would not take focus. HTML does not mind
// the lower case, so every element gets it.
const next = options.vnode;
options.vnode = (vnode: VNode) => {
  const props = vnode.props as Record<string, unknown> | null;
  if (typeof vnode.type === 'string' && props && 'tabIndex' in props) {
    props.tabindex = props.tabIndex;
    delete props.tabIndex;
  }
  next?.(vnode);
};
