// The catalogues are complete: every key a face's code uses through t('literal') exists in English
// and Korean, and each face's English and Korean catalogues have the same keys with no empty text.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const src = join(here, '..');
const FACES = ['common', 'signin', 'portal', 'console'] as const;
type FaceName = (typeof FACES)[number];

const loaded = new Map<string, Record<string, string>>();

function load(face: FaceName, lang: 'en' | 'ko'): Record<string, string> {
  const file = join(here, `${face}.${lang}.json`);
  let catalogue = loaded.get(file);
  if (!catalogue) {
    catalogue = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
    loaded.set(file, catalogue);
  }
  return catalogue;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

/** The face whose catalogue a source file may use (besides common). */
function faceOf(file: string): FaceName {
  const top = relative(src, file).split(sep)[0];
  if (top === 'signin' || top === 'portal' || top === 'console') return top;
  return 'common';
}

/**
 * t('key') / t("key") / t(`key`) literals (no interpolation in the key), and the description key
 * of registerShortcut('k', 'key', ...), which the shortcuts dialog translates.
 */
export function usedKeys(text: string): string[] {
  const keys: string[] = [];
  const re = /\bt\(\s*(['"`])([A-Za-z0-9_.\-]+)\1/g;
  for (let m = re.exec(text); m; m = re.exec(text)) keys.push(m[2]!);
  const shortcut = /\bregisterShortcut\(\s*(['"`])[^'"`]*\1\s*,\s*(['"`])([A-Za-z0-9_.\-]+)\2/g;
  for (let m = shortcut.exec(text); m; m = shortcut.exec(text)) keys.push(m[3]!);
  return keys;
}

describe('i18n catalogues', () => {
  it('finds t() literals', () => {
    expect(usedKeys(`t('a.b') + t("c_d", {x: 1}) + t(\`e\`) + t(key) + it('no')`)).toEqual(['a.b', 'c_d', 'e']);
    expect(usedKeys(`registerShortcut('g t', 'x.go', () => 1)`)).toEqual(['x.go']);
  });

  for (const face of FACES) {
    it(`${face}: English and Korean have the same keys, none empty`, () => {
      const en = load(face, 'en');
      const ko = load(face, 'ko');
      const missingInKo = Object.keys(en).filter((k) => !(k in ko));
      const missingInEn = Object.keys(ko).filter((k) => !(k in en));
      expect({ missingInKo, missingInEn }).toEqual({ missingInKo: [], missingInEn: [] });
      const empty = [...Object.entries(en), ...Object.entries(ko)].filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => k);
      expect(empty).toEqual([]);
    });

    it(`${face}: placeholders match between English and Korean`, () => {
      const en = load(face, 'en');
      const ko = load(face, 'ko');
      const names = (s: string) => Array.from(s.matchAll(/\{(\w+)\}/g), (m) => m[1]).sort();
      const differ = Object.keys(en).filter((k) => k in ko && JSON.stringify(names(en[k]!)) !== JSON.stringify(names(ko[k]!)));
      expect(differ).toEqual([]);
    });
  }

  it('every t() key used in the code exists in its face (or common) in both languages', () => {
    const missing: string[] = [];
    for (const file of sourceFiles(src)) {
      const face = faceOf(file);
      const text = readFileSync(file, 'utf8');
      for (const key of usedKeys(text)) {
        for (const lang of ['en', 'ko'] as const) {
          const common = load('common', lang);
          const own = load(face, lang);
          if (!(key in own) && !(key in common)) missing.push(`${relative(src, file)}: ${key} (${lang})`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
