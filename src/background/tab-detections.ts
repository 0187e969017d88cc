/**
 * What the content script detected, per tab. Kept in `storage.session` where there is one (an MV3
 * worker is stopped when idle and loses its memory), else in memory (a persistent MV2 page).
 */
import { browser } from 'wxt/browser';
import type { TabDetection } from '../messaging';

const memory = new Map<number, TabDetection>();
const keyOf = (tabId: number) => `tab-detection:${tabId}`;

function session(): typeof browser.storage.local | undefined {
  return (browser.storage as { session?: typeof browser.storage.local }).session;
}

export async function setTabDetection(tabId: number, detection: TabDetection): Promise<void> {
  memory.set(tabId, detection);
  await session()?.set({ [keyOf(tabId)]: detection });
}

export async function getTabDetection(tabId: number): Promise<TabDetection | null> {
  const inMemory = memory.get(tabId);
  if (inMemory) return inMemory;
  const stored = await session()?.get(keyOf(tabId));
  return (stored?.[keyOf(tabId)] as TabDetection | undefined) ?? null;
}

export async function clearTabDetection(tabId: number): Promise<void> {
  memory.delete(tabId);
  await session()?.remove(keyOf(tabId));
}
