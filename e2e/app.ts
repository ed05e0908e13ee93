import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

/**
 * Where a reference screenshot goes: e2e/screenshots/ (checked in, for review) when
 * UPDATE_SCREENSHOTS=1, otherwise the test's output folder, so a test run leaves the tree clean.
 */
export function shotPath(name: string): string {
  return process.env.UPDATE_SCREENSHOTS ? `e2e/screenshots/${name}` : test.info().outputPath(name);
}

/** The serious and critical accessibility violations on the page (or inside `include`), one line each. */
export async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  const axe = new AxeBuilder({ page });
  const results = await (include ? axe.include(include) : axe).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes
          .slice(0, 2)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}

/**
 * The page shows the build's pre-rendered first frame until the app replaces it: a test that acts
 * on a page opened without parameters waits for the app itself.
 */
export async function appIsLive(page: Page) {
  await expect(page.locator('.prerendered')).toHaveCount(0);
}

/** Opens the sandbox panel and returns it. */
export async function openSandbox(page: Page) {
  await page.getByRole('button', { name: 'Sandbox', exact: true }).click();
  const sb = page.getByRole('region', { name: 'Sandbox' });
  await expect(sb).toBeVisible();
  return sb;
}

/** A page object for the visualizer: what a learner sees and does, by role and label. */
export class VisualizerPage {
  constructor(readonly page: Page) {}

  async open(query = '') {
    await this.page.goto(`./${query}`);
    await appIsLive(this.page);
    await expect(this.page.getByRole('region', { name: 'P1' })).toBeVisible();
  }

  process(name: string) {
    return this.page.getByRole('region', { name, exact: true });
  }

  received(name: string) {
    return this.process(name).getByTestId('received-item');
  }

  get routingTable() {
    return this.page.getByRole('table', { name: 'Routing table' });
  }

  /** A route in the table; a route deleted a moment ago stays drawn struck through, and does not count. */
  route(label: string) {
    return this.routingTable.locator('tbody tr:not([data-gone])').filter({ has: this.page.getByRole('cell', { name: label, exact: true }) });
  }

  deletedRoute(label: string) {
    return this.routingTable.locator('tbody tr[data-gone]').filter({ has: this.page.getByRole('cell', { name: new RegExp(`^${label}`) }) });
  }

  get timeline() {
    return this.page.getByRole('slider', { name: 'Timeline' });
  }

  get caption() {
    return this.page.getByRole('status').filter({ has: this.page.getByTestId('step-summary') });
  }

  async step(): Promise<number> {
    return Number(await this.timeline.getAttribute('aria-valuenow'));
  }

  async lastStep(): Promise<number> {
    return Number(await this.timeline.getAttribute('aria-valuemax'));
  }

  button(name: 'Play' | 'Pause' | 'Step forward' | 'Step back' | 'Restart') {
    return this.page.getByRole('button', { name, exact: true });
  }
}
