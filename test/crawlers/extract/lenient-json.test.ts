import { describe, expect, it } from 'vitest';
import { parseLenientJson } from '../../../crawlers/extract/lenient-json.ts';

describe('parseLenientJson', () => {
  it('parses valid JSON unchanged', () => {
    expect(parseLenientJson('{"a": [1, 2]}')).toEqual({ a: [1, 2] });
  });

  it('repairs trailing commas and raw newlines and tabs in strings', () => {
    expect(parseLenientJson('{"a": "line one\nline\ttwo", "b": [1, 2,],}')).toEqual({ a: 'line one\nline\ttwo', b: [1, 2] });
  });

  it('strips HTML comment and CDATA wrappers and a trailing semicolon', () => {
    expect(parseLenientJson('<!-- {"a": 1} -->')).toEqual({ a: 1 });
    expect(parseLenientJson('//<![CDATA[\n{"a": 2}\n//]]>')).toEqual({ a: 2 });
    expect(parseLenientJson('{"a": 3};')).toEqual({ a: 3 });
  });

  it('keeps invalid escapes literally and reads concatenated objects as a list', () => {
    expect(parseLenientJson('{"a": "it\\\'s"}')).toEqual({ a: "it's" });
    expect(parseLenientJson('{"a": 1}\n{"b": 2}')).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('returns undefined for what cannot be read, never throws', () => {
    expect(parseLenientJson('{"a": ')).toBeUndefined();
    expect(parseLenientJson('')).toBeUndefined();
    expect(parseLenientJson('not json at all')).toBeUndefined();
  });
});
