import { describe, expect, it } from 'vitest';
import { EventFrames } from './page/event-frames';

describe('EventFrames', () => {
  it('gives back each frame once it is complete, however the stream is cut', () => {
    const frames = new EventFrames();
    const stream = 'retry: 1000\n\ndata: {"event":"a"}\n\n: keep-alive\n\ndata: {"event":"b"}\n\n';
    const got: string[] = [];
    for (const char of stream) got.push(...frames.push(char));
    expect(got).toEqual(['{"event":"a"}', '{"event":"b"}']);
  });

  it('keeps a half frame until its blank line, and joins its data lines', () => {
    const frames = new EventFrames();
    expect(frames.push('data: one\ndata:two')).toEqual([]);
    expect(frames.push('\n\ndata: three\n\n')).toEqual(['one\ntwo', 'three']);
  });
});
