const KEY = 'deflect.widget.screen';

/**
 * The screen the visitor last chose in this tab (the home, or the chat after "Send us a message"), so a
 * reload or the next page reopens where they were rather than sending a visitor about to write back home.
 * Per tab (sessionStorage); where storage is refused, every opening starts from the rules alone.
 */
export function lastScreen(): 'home' | 'chat' | undefined {
  try {
    const value = sessionStorage.getItem(KEY);
    return value === 'home' || value === 'chat' ? value : undefined;
  } catch {
    return undefined;
  }
}

export function rememberScreen(screen: 'home' | 'chat'): void {
  try {
    sessionStorage.setItem(KEY, screen);
  } catch {
    // Storage refused (a framed chat with third-party storage blocked): nothing to remember with.
  }
}
