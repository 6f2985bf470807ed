import type { Page } from 'playwright-core';

/**
 * Opens the help-center page and the chat in its widget, as a visitor without a conversation does: the
 * launcher (server-rendered, reacting once hydrated), then "Send us a message" on the widget's home.
 */
export async function openChat(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('astro-island[component-url*="ChatLauncher"]:not([ssr])');
  await page.getByRole('button', { name: /^Chat with us/ }).click();
  await page.getByRole('dialog', { name: 'Help' }).getByRole('button', { name: 'Send us a message' }).click();
  await page.getByRole('dialog', { name: 'Chat with the team' }).waitFor();
}
