/** Dropping a file on the app's window, as the Import specs do. */
import { expect, type Page } from '@playwright/test';

/** What a user's drag from the file manager does: dragenter, dragover, drop on the page. */
export async function dropFile(page: Page, name: string, content: string | number[]): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ name, content }) => {
      // Runs in the page; this file is type-checked with Node's globals, which lack DataTransfer.
      const browser = globalThis as unknown as { DataTransfer: new () => { items: { add(file: File): void } } };
      const transfer = new browser.DataTransfer();
      const body = typeof content === 'string' ? content : new Uint8Array(content);
      transfer.items.add(new File([body], name, { type: typeof content === 'string' ? 'text/csv' : '' }));
      return transfer;
    },
    { name, content },
  );
  await page.dispatchEvent('body', 'dragenter', { dataTransfer });
  await expect(page.getByText('Drop a CSV file to import')).toBeVisible();
  await page.dispatchEvent('body', 'dragover', { dataTransfer });
  await page.dispatchEvent('body', 'drop', { dataTransfer });
  await expect(page.getByText('Drop a CSV file to import')).toBeHidden();
}
