import { expect, test } from '@playwright/test';
import { largeScenario } from '../bench/largeScenario';
import { run } from '../src/engine';
import { stepLanes } from '../src/ui/views/diagramModel';
import { VisualizerPage, seriousViolations } from './app';

// 12 processes and 150 route requests: a file above the size that is checked in a worker, and a
// run long enough for the event log and the diagram to draw only what is in view.
const spec = largeScenario(150, 11);
const timeline = run(spec);
const steps = timeline.steps.length;

test('a long scenario file loads through the worker; the log and the diagram draw only the rows in view', async ({ page }) => {
  // Loading and running a long file takes seconds on a slow two-core runner; the figures that matter are in npm run bench:big.
  test.setTimeout(120_000);
  const app = new VisualizerPage(page);
  await app.open('');
  const file = Buffer.from(JSON.stringify(spec));
  expect(file.length).toBeGreaterThan(20_000);
  await page.getByLabel('Open a scenario file or capture').setInputFiles({ name: 'long.json', mimeType: 'application/json', buffer: file });
  await expect(page.getByText(new RegExp(`^${steps - 1} steps`)).first()).toBeAttached({ timeout: 60_000 });
  await expect(page.getByTestId('loading')).toHaveCount(0);

  await page.getByRole('tab', { name: 'Event log' }).click();
  const log = page.getByRole('region', { name: 'Event log' });
  await expect(log.locator('tbody tr[data-step]').first()).toBeVisible();
  const drawn = await log.locator('tbody tr[data-step]').count();
  expect(drawn).toBeGreaterThan(5);
  expect(drawn).toBeLessThan(200);
  await expect(log).toContainText(`${(steps - 1).toLocaleString('en-US')} of ${(steps - 1).toLocaleString('en-US')} steps`);
  // The cursor moves to the last step: its row is drawn and current, though it was far out of view.
  await page.getByRole('slider', { name: 'Timeline' }).press('End');
  await expect(log.locator('tr[aria-current="step"]')).toHaveAttribute('data-step', String(steps - 1));
  await expect(log.locator('tr[aria-current="step"]')).toBeInViewport();
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('tab', { name: 'Sequence diagram' }).click();
  const diagram = page.getByRole('region', { name: 'Sequence diagram' });
  // At the end of the run: the marks drawn are those of the last rows, not the whole run.
  const marks = diagram.locator('g.mark');
  await expect(marks.first()).toBeAttached();
  expect(await marks.count()).toBeLessThan(200);
  // Twelve lanes are wider than the panel: it has scrolled sideways to the last step's lane, and
  // that lane's name sits above its lifeline.
  const lane = stepLanes(timeline.steps.at(steps - 1)!, timeline)[0]!;
  const scroller = diagram.locator('.diagram-scroll');
  await expect.poll(() => scroller.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  const view = (await scroller.boundingBox())!;
  const line = (await diagram.locator(`line.lifeline[data-lane="${lane}"]`).boundingBox())!;
  expect(line.x).toBeGreaterThan(view.x);
  expect(line.x).toBeLessThan(view.x + view.width);
  const name = (await diagram
    .getByTestId('lane-name')
    .filter({ hasText: new RegExp(`^${lane}$`) })
    .boundingBox())!;
  expect(Math.abs(name.x + name.width / 2 - line.x)).toBeLessThan(4);
  // Back at the start: the arrows drawn are those of the first rows.
  await page.getByRole('slider', { name: 'Timeline' }).press('Home');
  await expect(diagram.getByTestId('diagram-arrow').first()).toBeAttached();
  const arrows = await diagram.getByTestId('diagram-arrow').count();
  expect(arrows).toBeLessThan(400);
  const sent = await diagram.getByTestId('diagram-arrow').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-sent-step'))));
  expect(Math.max(...sent)).toBeLessThan(400);
});
