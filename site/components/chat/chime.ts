let audio: AudioContext | undefined;

/**
 * A short two-note chime made with WebAudio (no sound file to download). Browsers keep audio suspended until
 * the visitor has interacted with the page; then `resume()` is refused or never settles, and the chime simply
 * doesn't sound — a notification must never throw or nag.
 */
export function playChime(): void {
  try {
    audio ??= new AudioContext();
    if (audio.state === 'suspended') audio.resume().catch(() => undefined);
    const start = audio.currentTime;
    const gain = audio.createGain();
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.12, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.4);
    gain.connect(audio.destination);
    for (const [frequency, at] of [[880, 0], [1320, 0.12]] as const) {
      const note = audio.createOscillator();
      note.type = 'sine';
      note.frequency.value = frequency;
      note.connect(gain);
      note.start(start + at);
      note.stop(start + 0.4);
    }
  } catch {
    // No WebAudio (old browser, locked-down embed): stay silent.
  }
}
