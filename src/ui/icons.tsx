const base = { fill: 'none', stroke: 'currentColor', strokeWidth: 1.8, strokeLinecap: 'round' as const, strokeLinejoin: 'round' as const, 'aria-hidden': true };

export const Icon = {
  play: (s = 16) => (
    <svg width={s} height={s} viewBox="0 0 16 16" aria-hidden="true">
      <path d="M5 3.2v9.6L13 8z" fill="currentColor" />
    </svg>
  ),
  pause: (s = 16) => (
    <svg width={s} height={s} viewBox="0 0 16 16" aria-hidden="true">
      <rect x="4" y="3" width="3" height="10" rx="1" fill="currentColor" />
      <rect x="9" y="3" width="3" height="10" rx="1" fill="currentColor" />
    </svg>
  ),
  back: (s = 16) => (
    <svg width={s} height={s} viewBox="0 0 16 16" {...base}>
      <path d="M4 3v10M12.5 3.5L6.5 8l6 4.5z" fill="currentColor" />
    </svg>
  ),
  forward: (s = 16) => (
    <svg width={s} height={s} viewBox="0 0 16 16" {...base}>
      <path d="M12 3v10M3.5 3.5L9.5 8l-6 4.5z" fill="currentColor" />
    </svg>
  ),
  restart: (s = 16) => (
    <svg width={s} height={s} viewBox="0 0 16 16" {...base}>
      <path d="M3 8a5 5 0 105-5H5M5 1v4h4" transform="translate(0 0)" />
    </svg>
  ),
  fullscreen: (s = 16) => (
    <svg width={s} height={s} viewBox="0 0 16 16" {...base}>
      <path d="M2.5 6V2.5H6M10 2.5h3.5V6M13.5 10v3.5H10M6 13.5H2.5V10" />
    </svg>
  ),
  help: (s = 16) => (
    <svg width={s} height={s} viewBox="0 0 16 16" {...base}>
      <circle cx="8" cy="8" r="6.2" />
      <path d="M6.3 6.2a1.8 1.8 0 113 1.4c-.7.4-1.3.9-1.3 1.7M8 11.3v.1" />
    </svg>
  ),
  sun: (s = 14) => (
    <svg width={s} height={s} viewBox="0 0 16 16" {...base}>
      <circle cx="8" cy="8" r="3" />
      <path d="M8 1.5v1.5M8 13v1.5M1.5 8H3M13 8h1.5M3.4 3.4l1 1M11.6 11.6l1 1M3.4 12.6l1-1M11.6 4.4l1-1" />
    </svg>
  ),
  moon: (s = 14) => (
    <svg width={s} height={s} viewBox="0 0 16 16" {...base}>
      <path d="M13 9.5A5.5 5.5 0 016.5 3a5.5 5.5 0 106.5 6.5z" />
    </svg>
  ),
  auto: (s = 14) => (
    <svg width={s} height={s} viewBox="0 0 16 16" {...base}>
      <circle cx="8" cy="8" r="5.5" />
      <path d="M8 2.5v11" />
      <path d="M8 2.5a5.5 5.5 0 010 11z" fill="currentColor" />
    </svg>
  ),
  chevrons: (s = 12) => (
    <svg width={s} height={s} viewBox="0 0 16 16" {...base}>
      <path d="M5 6l3-3 3 3M5 10l3 3 3-3" />
    </svg>
  ),
  terminal: (s = 14) => (
    <svg width={s} height={s} viewBox="0 0 16 16" {...base}>
      <rect x="1.5" y="2.5" width="13" height="11" rx="2" />
      <path d="M4.5 6.5l2 1.5-2 1.5M8 10h3" />
    </svg>
  ),
  check: (s = 12) => (
    <svg width={s} height={s} viewBox="0 0 16 16" {...base} strokeWidth={2.2}>
      <path d="M3.5 8.5l3 3 6-7" />
    </svg>
  ),
  slash: (s = 12) => (
    <svg width={s} height={s} viewBox="0 0 16 16" {...base}>
      <circle cx="8" cy="8" r="5.5" />
      <path d="M4.2 11.8l7.6-7.6" />
    </svg>
  ),
  table: (s = 14) => (
    <svg width={s} height={s} viewBox="0 0 16 16" {...base}>
      <rect x="2" y="2.5" width="12" height="11" rx="1.5" />
      <path d="M2 6h12M2 9.5h12M6 6v7.5" />
    </svg>
  ),
  cog: (s = 14) => (
    <svg width={s} height={s} viewBox="0 0 16 16" {...base}>
      <circle cx="8" cy="8" r="2.2" />
      <path d="M8 1.5v2M8 12.5v2M1.5 8h2M12.5 8h2M3.4 3.4l1.4 1.4M11.2 11.2l1.4 1.4M3.4 12.6l1.4-1.4M11.2 4.8l1.4-1.4" />
    </svg>
  ),
  timer: (s = 12) => (
    <svg width={s} height={s} viewBox="0 0 16 16" {...base}>
      <circle cx="8" cy="9" r="5.5" />
      <path d="M8 9V6M6.5 1.5h3" />
    </svg>
  ),
  up: (s = 12) => (
    <svg width={s} height={s} viewBox="0 0 16 16" {...base}>
      <path d="M8 13V3M4 7l4-4 4 4" />
    </svg>
  ),
  down: (s = 12) => (
    <svg width={s} height={s} viewBox="0 0 16 16" {...base}>
      <path d="M8 3v10M4 9l4 4 4-4" />
    </svg>
  ),
};
