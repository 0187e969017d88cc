/**
 * Which installed faces the browser really draws with. `document.fonts.check()` cannot tell: for a
 * face that is neither installed nor a web font it answers `true` in Chromium and Firefox alike
 * (nothing to load), so a missing "AR PL UKai CN" looks present. Measuring can: text set in
 * `"Face", <generic>` has the generic's metrics exactly when the face is missing; a present face
 * changes the advance or the ink box of Latin letters, digits or Han characters against at least
 * one of three generics (a face may be the generic itself: Firefox's serif here is DejaVu Serif).
 */
import { CJK_FACES_SC, KAI_FACES, KAI_FALLBACK_FACES, type FontFamily } from './settings';

const SAMPLE = '永和九年岁在癸丑 abcdefghijklmnopqrstuvwxyz WMil 0123456789';
const GENERICS = ['monospace', 'serif', 'sans-serif'] as const;

type Measure = (font: string) => { width: number; ascent: number; descent: number; left: number; right: number } | null;

function canvasMeasure(doc: Document): Measure | null {
  let context: CanvasRenderingContext2D | null = null;
  try {
    context = doc.createElement('canvas').getContext('2d');
  } catch {
    context = null;
  }
  if (!context || typeof context.measureText !== 'function') return null;
  const ctx = context;
  return (font) => {
    ctx.font = font;
    const m = ctx.measureText(SAMPLE);
    return { width: m.width, ascent: m.actualBoundingBoxAscent, descent: m.actualBoundingBoxDescent, left: m.actualBoundingBoxLeft, right: m.actualBoundingBoxRight };
  };
}

/**
 * Whether `family` is a face this browser can draw with (installed, or a loaded web font); null
 * where nothing can measure text (no canvas: jsdom).
 */
export function faceAvailable(doc: Document, family: string, measure: Measure | null = canvasMeasure(doc)): boolean | null {
  if (!measure) return null;
  const quoted = `"${family.replace(/["\\]/g, '')}"`;
  for (const generic of GENERICS) {
    const base = measure(`40px ${generic}`);
    const withFace = measure(`40px ${quoted}, ${generic}`);
    if (!base || !withFace) return null;
    if ((Object.keys(base) as (keyof typeof base)[]).some((k) => Math.abs(base[k] - withFace[k]) > 0.01)) return true;
  }
  return false;
}

export interface KaiStatus {
  /** The first Kai face of the stacks that is installed, or null. */
  kaiFace: string | null;
  /** Without one, the face Chinese text falls back to (the next in the stack that is there), or null. */
  fallback: string | null;
}

/** What the Kai (楷体) setting draws Chinese with on this system; null where it cannot be told. */
export function kaiStatus(doc: Document, measure: Measure | null = canvasMeasure(doc)): KaiStatus | null {
  if (!measure) return null;
  const kaiFace = KAI_FACES.find((face) => faceAvailable(doc, face, measure)) ?? null;
  const fallback = kaiFace ? null : (KAI_FALLBACK_FACES.find((face) => faceAvailable(doc, face, measure)) ?? null);
  return { kaiFace, fallback };
}

/** The first face of `faces` this browser has, or null. */
export function firstAvailable(doc: Document, faces: readonly string[], measure: Measure | null = canvasMeasure(doc)): string | null {
  if (!measure) return null;
  return faces.find((face) => faceAvailable(doc, face, measure)) ?? null;
}

export interface WeightStatus {
  /** The face Chinese text of this font setting is drawn with here. */
  face: string;
  /** The weights that draw exactly as regular (400) does: the face has no such weight here. */
  likeRegular: number[];
}

/**
 * Which weights the font setting's Chinese face really has here: a weight the installed face
 * lacks is drawn with the nearest one (CSS font matching: 300 and 500 fall to 400 when only
 * Regular and Bold are installed, as with Debian's Noto CJK), so it measures the same as 400.
 */
export function weightStatus(doc: Document, family: FontFamily, weights: readonly number[], measure: Measure | null = canvasMeasure(doc)): WeightStatus | null {
  if (!measure) return null;
  const face = firstAvailable(doc, CJK_FACES_SC[family], measure);
  if (!face) return null;
  const font = (weight: number) => `${weight} 40px "${face}", serif`;
  const regular = measure(font(400));
  if (!regular) return null;
  const likeRegular = weights.filter((w) => {
    if (w === 400) return false;
    const m = measure(font(w));
    return m !== null && (Object.keys(regular) as (keyof typeof regular)[]).every((k) => Math.abs(regular[k] - m[k]) <= 0.01);
  });
  return { face, likeRegular };
}
