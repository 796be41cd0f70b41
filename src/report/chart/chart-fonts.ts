// The fonts the chart draws with. Latin text and digits use DejaVu or
// Liberation; Japanese labels need a CJK font, which neither has: without one
// Skia draws an empty box for every kana and kanji. Debian's fonts-noto-cjk
// provides Noto Sans CJK; @napi-rs/canvas finds it by scanning the system's
// fonts, and if its scan missed the Debian path it is registered here.

import { existsSync } from 'node:fs';
import { GlobalFonts } from '@napi-rs/canvas';

/** The families a chart's text is drawn in, first match per glyph. */
export const CJK_FAMILY = 'Noto Sans CJK JP';
export const CHART_FONT = `"DejaVu Sans", "Liberation Sans", "${CJK_FAMILY}", Arial, sans-serif`;

/** Where Debian's fonts-noto-cjk puts the faces (Regular and Bold). */
const DEBIAN_CJK_FILES = ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc'];

let available: boolean | undefined;

/** Whether the chart can draw Japanese (checked once per thread; registers Debian's files if the scan missed them). */
export function hasCjkFont(): boolean {
  if (available === undefined) {
    if (!GlobalFonts.has(CJK_FAMILY)) {
      for (const file of DEBIAN_CJK_FILES) if (existsSync(file)) GlobalFonts.registerFromPath(file, CJK_FAMILY);
    }
    available = GlobalFonts.has(CJK_FAMILY);
  }
  return available;
}

/** Text outside Latin-1 and general punctuation: what DejaVu and Liberation cannot draw. */
export function needsCjk(text: string): boolean {
  return /[\u3000-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(text);
}

/**
 * The chart's words: the member's, or, when they need a CJK font the machine lacks, English ones (readable,
 * where Japanese would be a row of empty boxes).
 */
export function chartWords<T extends object>(wanted: T, english: T, cjk: boolean = hasCjkFont()): T {
  if (cjk) return wanted;
  const words = Object.values(wanted).flatMap((v: unknown) =>
    typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.values(v).filter((w) => typeof w === 'string') : [],
  );
  return words.some(needsCjk) ? english : wanted;
}
