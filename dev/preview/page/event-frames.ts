// Server-Sent Events frames as the bridge writes them (event-stream.ts): `data: …` lines, a blank
// line after each frame, `retry:` and `: keep-alive` lines between. Fed the stream's text as it
// arrives, in chunks cut anywhere; gives back each complete frame's data. The page's shim reads the
// stream with it, and so do the bridge's tests. No DOM or Node API, so both sides can load it.

export class EventFrames {
  private pending = '';

  /** The data of every frame `text` completes, oldest first; frames without data are skipped. */
  push(text: string): string[] {
    this.pending += text;
    const frames: string[] = [];
    let end: number;
    while ((end = this.pending.indexOf('\n\n')) !== -1) {
      const frame = this.pending.slice(0, end);
      this.pending = this.pending.slice(end + 2);
      const data = frame
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(line.startsWith('data: ') ? 6 : 5));
      if (data.length > 0) frames.push(data.join('\n'));
    }
    return frames;
  }
}
