/** Message kinds: each has a colour class, a name and an icon, so colour is never the only cue. */
import type { MessageKind } from '../engine';
import type { MarkerKind } from '../store/timelineIndex';

/** The kinds the legend shows (a reply shares the ACK's colour and name); their names are in the message tables. */
export const LEGEND: MessageKind[] = ['request', 'ack', 'error', 'notification', 'dump-part', 'done'];

export function kindClass(kind: MarkerKind): string {
  return `k-${kind === 'reply' ? 'ack' : kind}`;
}

export function KindGlyph({ kind, size = 12 }: { kind: MarkerKind; size?: number }) {
  const p = {
    width: size,
    height: size,
    viewBox: '0 0 16 16',
    fill: 'none',
    stroke: 'currentColor',
    strokeWidth: 1.8,
    strokeLinecap: 'round' as const,
    strokeLinejoin: 'round' as const,
    'aria-hidden': true,
  };
  switch (kind) {
    case 'request':
      return (
        <svg {...p}>
          <path d="M3 8h10M9 4l4 4-4 4" />
        </svg>
      );
    case 'ack':
    case 'reply':
      return (
        <svg {...p}>
          <path d="M3.5 8.5l3 3 6-7" />
        </svg>
      );
    case 'error':
      return (
        <svg {...p}>
          <path d="M4.5 4.5l7 7M11.5 4.5l-7 7" />
        </svg>
      );
    case 'notification':
      return (
        <svg {...p}>
          <circle cx="8" cy="8" r="1.6" fill="currentColor" />
          <path d="M5.2 5.2a4 4 0 000 5.6M10.8 5.2a4 4 0 010 5.6M3.2 3.2a6.8 6.8 0 000 9.6M12.8 3.2a6.8 6.8 0 010 9.6" />
        </svg>
      );
    case 'dump-part':
      return (
        <svg {...p}>
          <path d="M8 2.5l5.5 3L8 8.5l-5.5-3z M2.5 8.5L8 11.5l5.5-3 M2.5 11L8 14l5.5-3" />
        </svg>
      );
    case 'done':
      return (
        <svg {...p}>
          <path d="M4 14V2.5M4 3h7.5l-1.8 3 1.8 3H4" />
        </svg>
      );
    default:
      return (
        <svg {...p}>
          <circle cx="8" cy="8" r="3" />
        </svg>
      );
  }
}

export function KindIcon({ kind }: { kind: MarkerKind }) {
  return (
    <span className={`kind-icon ${kindClass(kind)}`}>
      <KindGlyph kind={kind} />
    </span>
  );
}
