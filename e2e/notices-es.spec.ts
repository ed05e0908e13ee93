import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { es } from '../src/i18n/es';
import { sayScenarioError } from '../src/i18n/notice';
import { validateScenarioText } from '../src/scenarios/validate';
import { seriousViolations, shotPath } from './app';

/**
 * What a learner reads on a Spanish page when a file or a link cannot be opened: the notice's
 * title and every problem in Spanish, each where it is, computed here from the validator's own
 * data; nothing marked English, and the scenario on screen kept or shown instead.
 */
const lecture = JSON.parse(readFileSync('src/scenarios/lectures/membership.json', 'utf8'));

/** The Spanish lines of what the validator says about this text. */
function spanishLines(text: string): string[] {
  const r = validateScenarioText(text);
  if (r.ok) throw new Error('the file is valid');
  return r.error.map((e) => sayScenarioError(e, es.notice.validation));
}

async function openFile(page: Page, name: string, text: string) {
  await page.getByLabel('Abrir un archivo de escenario o una captura').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

const notice = (page: Page) => page.getByTestId('notice');

test('?lang=es: a scenario file with mistakes is explained in Spanish, and the scenario on screen stays', async ({ page }) => {
  await page.goto('./?scenario=event-notification&step=4&lang=es');
  const bad = structuredClone(lecture);
  bad.actions[3].actor = 'P4';
  bad.routes[0].dst = '10.0.1.0/33';
  const text = JSON.stringify(bad);
  await openFile(page, 'lecture.json', text);
  await expect(notice(page).locator('strong')).toHaveText('lecture.json no es un escenario válido; se mantiene el escenario actual');
  const lines = spanishLines(text);
  expect(lines).toEqual(['routes[0].dst: se esperaba un prefijo IPv4 como 10.0.1.0/24, pero se encontró "10.0.1.0/33"']);
  await expect(notice(page).locator('li')).toHaveText(lines);
  await expect(notice(page).locator('[lang]')).toHaveCount(0);
  await expect(notice(page)).not.toContainText(/expected|got|valid scenario/);
  await expect(page.getByRole('combobox', { name: 'Escenario' })).toHaveValue('event-notification');
  await page.screenshot({ path: shotPath('es-invalid-file.png') });
  expect(await seriousViolations(page, '[data-testid="notice"]')).toEqual([]);

  // A mistake only the meaning shows, then one only a run shows.
  delete bad.routes;
  bad.routes = lecture.routes;
  await openFile(page, 'lecture.json', JSON.stringify(bad));
  await expect(notice(page).locator('li')).toHaveText(['actions[3].actor: no hay ningún proceso «P4» (los conocidos: P1, P2, P3)']);
  const timer = structuredClone(lecture);
  timer.actions.push({ at: 99_000, do: 'arm-timer', route: 'R9', afterMs: 10 });
  await openFile(page, 'timer.json', JSON.stringify(timer));
  await expect(notice(page).locator('li')).toHaveText(spanishLines(JSON.stringify(timer)));
  await expect(notice(page).locator('li')).toContainText(/no hay ninguna ruta R9 en la que armar un temporizador \(la tabla de rutas en ese momento: /);

  // A JSON syntax error, where it is; the same in a file big enough to be checked in a worker.
  const broken = '{\n  "version": 1,\n  oops\n}';
  // The browser's JSON parser words the reason (its commonest messages are translated): no capital, no English, left.
  const where = [/^línea 3, columna 3: no es JSON válido: [^A-Z]+$/];
  await openFile(page, 'broken.json', broken);
  await expect(notice(page).locator('li')).toHaveText(where);
  await openFile(page, 'big.json', `${broken}${' '.repeat(30_000)}`);
  await expect(notice(page).locator('strong')).toHaveText('big.json no es un escenario válido; se mantiene el escenario actual');
  await expect(notice(page).locator('li')).toHaveText(where);
});

test('?lang=es: a damaged shared link and a lecture that does not exist are explained in Spanish', async ({ page }) => {
  await page.goto('./?lang=es&scenario=echo&s=not-a-scenario');
  await expect(notice(page).locator('strong')).toHaveText('El escenario compartido no es válido');
  await expect(notice(page).locator('li')).toHaveText([
    'el escenario compartido en la dirección (s=...) está dañado o cortado; vuelve a pedir el enlace',
    'En su lugar se muestra «echo».',
  ]);
  await expect(notice(page).locator('[lang]')).toHaveCount(0);
  await page.screenshot({ path: shotPath('es-invalid-link.png') });

  await page.goto('./?lang=es&scenario=ecco');
  await expect(notice(page).locator('strong')).toHaveText('No hay ningún escenario incluido que se llame «ecco»');
  await expect(notice(page).locator('li')).toHaveText([/^En su lugar se muestra «[a-z-]+»\. Escenarios incluidos: [a-z-]+(, [a-z-]+)*\.$/]);

  // Address parameters the page cannot read: each named as it is written, why in Spanish.
  await page.goto('./?lang=es&step=many&theme=blue');
  await expect(notice(page).locator('strong')).toHaveText('Se han ignorado algunos parámetros de la dirección');
  await expect(notice(page).locator('li')).toHaveText(['step="many" no es un número de paso (0, 1, 2...)', 'theme="blue" tiene que ser light o dark']);
  await expect(notice(page).locator('[lang]')).toHaveCount(0);
});

test('the English page says the same in English, unmarked', async ({ page }) => {
  await page.goto('./?scenario=echo&s=not-a-scenario');
  await expect(notice(page).locator('strong')).toHaveText('The shared scenario is not valid');
  await expect(notice(page).locator('li')).toHaveText([
    'the shared scenario in the address (s=...) is damaged or cut short; ask for the link again',
    'Showing "echo" instead.',
  ]);
  await expect(notice(page).locator('[lang]')).toHaveCount(0);
});
