// Tulna's honest User-Agent and the token robots.txt groups are matched against.

export const DEFAULT_USER_AGENT = 'TulnaBot/0.1 (+https://github.com/tulna/tulna; price comparison)';

/** The User-Agent Tulna sends: names the bot, its version and where to read about it. */
export function userAgent(): string {
  return DEFAULT_USER_AGENT;
}

/** The product token of a User-Agent ("TulnaBot" for "TulnaBot/0.1 (...)"), used for robots.txt. */
export function robotsToken(agent: string): string {
  const token = agent.trim().split(/[\s/]/, 1)[0];
  return token || agent.trim();
}
