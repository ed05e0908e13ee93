/**
 * Envelopes in flight kept from covering one another: each is placed where its path puts it,
 * unless that covers one placed before it (or an obstacle, the system call boundary's label); then
 * it moves up or down by whole envelope heights, nearest first, to the first free place. The
 * earliest message keeps its place, so an envelope moves only when an older one is in its way.
 */

/** A box by its centre and half sizes, in the stage's pixels. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** How many envelope heights up or down an envelope may move to find a free place. */
const MAX_SHIFTS = 3;
/** Space kept between two envelopes, in px. */
const GAP = 4;

function overlaps(a: Box, b: Box): boolean {
  return Math.abs(a.x - b.x) < a.w + b.w + GAP / 2 && Math.abs(a.y - b.y) < a.h + b.h + GAP / 2;
}

/**
 * Where to draw each box (in the order given, the earliest first): its own centre when it is free,
 * else the nearest free place by whole heights up or down, else its own centre after all (a crowd
 * too dense to sort out is better left on its paths than scattered).
 */
export function separate(boxes: readonly Box[], obstacles: readonly Box[] = []): Array<{ x: number; y: number }> {
  const placed: Box[] = [...obstacles];
  return boxes.map((b) => {
    const step = 2 * b.h + GAP;
    let at: Box = b;
    for (let i = 0; i <= 2 * MAX_SHIFTS; i++) {
      const dy = i === 0 ? 0 : Math.ceil(i / 2) * step * (i % 2 ? -1 : 1);
      const c = { ...b, y: b.y + dy };
      if (!placed.some((p) => overlaps(p, c))) {
        at = c;
        break;
      }
    }
    placed.push(at);
    return { x: at.x, y: at.y };
  });
}
