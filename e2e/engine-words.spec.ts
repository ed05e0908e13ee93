import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { decode, glossaryEntry, run, sayFailure, sayField, sayGlossary, sayStep, stepMessage, stepText, type ScenarioSpec } from '../src/engine';
import { en } from '../src/i18n/en';
import { es } from '../src/i18n/es';
import { CRASH } from '../src/i18n/crash';
import { importCapture, readCapture, writePcapng, PACKET_KERNEL, PACKET_USER } from '../src/capture';
import { nlmonPacket } from '../src/capture/test-helpers';
import { openSandbox, seriousViolations, shotPath } from './app';

/**
 * What the engine says (step descriptions, field meanings, glossary sentences) on a Spanish page:
 * the words the Spanish table gives the engine's data, computed here from the same scenario, and
 * no English marking left on them. The English page, run the same way, shows the English words.
 */
const timeline = (id: string) => run(JSON.parse(readFileSync(`src/scenarios/lectures/${id}.json`, 'utf8')) as ScenarioSpec);

/** Elements marked English inside a part of the page. */
const englishMarks = (where: Locator) => where.locator('[lang="en"]');

/** The event log's "what happened" cell of every row, by step. */
async function logTexts(page: Page): Promise<Map<number, string>> {
  const rows = await page
    .getByRole('region', { name: /Registro de eventos|Event log/ })
    .locator('tr[data-step]')
    .evaluateAll((trs) => trs.map((tr) => [Number(tr.getAttribute('data-step')), tr.querySelectorAll('td')[3]!.textContent ?? ''] as const));
  return new Map(rows);
}

test('?lang=es: the event log, the inspector’s meanings, a glossary tip and the step line speak Spanish', async ({ page }) => {
  // Three views and an accessibility scan one after another: slower than one check, never a matter of speed.
  test.setTimeout(90_000);
  const t = timeline('module-vs-kernel');
  const words = es.engine;
  // The step the learner sees first: the kernel removes R3 when its address expires.
  const removed = t.steps.at(28)!;
  expect(stepText(removed, t).id).toBe('route-removed');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('./?scenario=module-vs-kernel&step=28&lang=es');
  const line = page.getByTestId('step-summary');
  await expect(line).toContainText(sayStep(stepText(removed, t), words.steps));
  await expect(line).toContainText('el kernel borra R3');
  await expect(englishMarks(line)).toHaveCount(0);
  // The route, in `ip route` syntax, is code in every language.
  await expect(line.locator('code')).toHaveText(/^10\.0\.3\.0\/24 dev eth1$/);

  // The message of step 29, in the inspector: every meaning the decoder gives, in Spanish.
  await page.getByRole('button', { name: 'Paso adelante' }).click();
  const insp = page.getByRole('region', { name: 'Inspector de mensajes' });
  await expect(insp).toContainText('RTM_DELROUTE');
  const message = stepMessage(t.steps.at(29)!, t)!;
  const decoded = decode(message.bytes, message.protocol);
  if (!decoded.ok) throw new Error('the step’s message does not decode');
  for (const f of decoded.value.fields) {
    // The header's port and sequence notes know the message's context: the inspector's own words.
    if (f.section === 'nlmsghdr' && (f.name === 'nlmsg_pid' || f.name === 'nlmsg_seq')) continue;
    await expect(insp.getByTestId(`field-${f.id}`).locator('.fmean'), f.id).toHaveText(sayField(f.about, words.fields));
  }
  await expect(insp.getByTestId('field-nlmsghdr.nlmsg_len').locator('.fmean')).toHaveText('bytes, cabecera incluida');
  await expect(insp.locator('.insp-step')).toHaveText(sayStep(stepText(t.steps.at(29)!, t), words.steps));
  await expect(englishMarks(insp)).toHaveCount(0);
  await insp.getByTestId('field-nlmsghdr.nlmsg_len').scrollIntoViewIfNeeded();
  await page.screenshot({ path: shotPath('es-inspector.png') });

  // A glossary tip, by hover: the sentence and where it is defined.
  const term = insp.locator('.term[data-term="RTA_OIF"]').first();
  await term.hover();
  const tip = page.getByRole('tooltip');
  await expect(tip).toHaveText(`${sayGlossary(glossaryEntry('RTA_OIF')!.about, words.glossary)} ${es.glossary.definedIn(glossaryEntry('RTA_OIF')!.header)}`);
  await expect(tip).toContainText('Atributo de ruta 4: índice de la interfaz de salida.');
  await expect(englishMarks(tip)).toHaveCount(0);
  await page.screenshot({ path: shotPath('es-glossary-tip.png') });
  await page.mouse.move(0, 0);

  // Every row of the event log: the Spanish description of its step, none marked English.
  // Every step a row of its own: similar steps (the deliveries of one multicast's copies) unfolded.
  await page.getByRole('switch', { name: 'saltar pasos parecidos' }).uncheck();
  await page.getByRole('tab', { name: 'Registro de eventos' }).click();
  const log = page.getByRole('region', { name: 'Registro de eventos' });
  await expect(log.locator('tr[data-step]')).toHaveCount(t.steps.length);
  const shown = await logTexts(page);
  for (const s of t.steps.slice(1)) expect(shown.get(s.index), `step ${s.index}`).toBe(sayStep(stepText(s, t), words.steps));
  await expect(englishMarks(log)).toHaveCount(0);
  await page.screenshot({ path: shotPath('es-event-log.png') });
  expect(await seriousViolations(page)).toEqual([]);

  // Where the text really is English, it stays marked: the C generator's notes in the code panel.
  await page.getByRole('button', { name: 'Código', exact: true }).click();
  await expect(englishMarks(page.getByTestId('code-panel')).first()).toBeVisible();
});

test('the English page shows the English words, unmarked', async ({ page }) => {
  const t = timeline('module-vs-kernel');
  await page.goto('./?scenario=module-vs-kernel&step=28');
  await expect(page.getByTestId('step-summary')).toContainText('kernel removes R3: 10.0.3.0/24 dev eth1');
  await expect(englishMarks(page.getByTestId('step-summary'))).toHaveCount(0);
  await page.getByRole('switch', { name: 'skip similar steps' }).uncheck();
  await page.getByRole('tab', { name: 'Event log' }).click();
  const log = page.getByRole('region', { name: 'Event log' });
  await expect(log.locator('tr[data-step]')).toHaveCount(t.steps.length);
  const shown = await logTexts(page);
  for (const s of t.steps.slice(1)) expect(shown.get(s.index), `step ${s.index}`).toBe(sayStep(stepText(s, t), en.engine.steps));
  await expect(log.locator('[lang]')).toHaveCount(0);
});

/**
 * Binding a bound socket again with port id 0 is EINVAL: the sandbox keeps the world as it was and
 * its notice says why. The port id is the one the first bind() took, read from the step line.
 */
async function bindTwice(page: Page, words: { acting: string; unbound: string; bound: RegExp }): Promise<{ notice: Locator; portId: number }> {
  const sb = await openSandbox(page);
  await sb.getByRole('combobox', { name: words.acting }).selectOption({ label: `P1 · s0 · ${words.unbound}` });
  await sb.getByRole('checkbox', { name: /nl_groups/ }).uncheck();
  const line = page.getByTestId('step-summary');
  await sb.getByRole('button', { name: 'Bind', exact: true }).click();
  await expect(line).toContainText(words.bound);
  const portId = Number((await line.textContent())!.match(/port id (\d+)/)![1]);
  await sb.getByRole('button', { name: 'Bind', exact: true }).click();
  const notice = page.getByTestId('notice');
  await expect(notice).toBeVisible();
  return { notice, portId };
}

test('?lang=es: why the engine refused a sandbox action is said in Spanish, unmarked', async ({ page }) => {
  await page.goto('./?scenario=event-notification&step=0&lang=es');
  const { notice, portId } = await bindTwice(page, { acting: 'Socket que actúa', unbound: 'sin bind', bound: /el socket de P1 queda asociado al port id \d+/ });
  await expect(notice.locator('strong')).toHaveText(es.sandbox.refused);
  const why = sayFailure({ id: 'already-bound', socket: 'P1/s0', portId }, es.engine.failures);
  expect(why).toBe(`bind(): P1/s0 ya está asociado al port id ${portId}; solo puede volver a indicar ese mismo id (EINVAL)`);
  await expect(notice.locator('li')).toHaveText([new RegExp(`^actions\\[\\d+\\]: ${why.replace(/[()[\]]/g, '\\$&')}$`)]);
  await expect(englishMarks(notice)).toHaveCount(0);
  await expect(notice).not.toContainText('already');
  await page.screenshot({ path: shotPath('es-sandbox-refused.png') });
  // Nothing changed: the step line still shows the first bind().
  await expect(page.getByTestId('step-summary')).toContainText(`queda asociado al port id ${portId}`);
});

test('the English page words a refused sandbox action as the CLI does', async ({ page }) => {
  await page.goto('./?scenario=event-notification&step=0');
  const { notice, portId } = await bindTwice(page, { acting: 'Acting socket', unbound: 'unbound', bound: /P1's socket is bound to port id \d+/ });
  await expect(notice.locator('strong')).toHaveText('That action would make a scenario that cannot be saved; nothing was changed');
  await expect(notice.locator('li')).toHaveText([
    new RegExp(`^actions\\[\\d+\\]: bind\\(\\): P1/s0 is already bound to port id ${portId}; only that id may be named again \\(EINVAL\\)$`),
  ]);
  await expect(notice.locator('[lang]')).toHaveCount(0);
});

/** P1 joins group 3, a group the kernel has no name for; the step line, its card and the netlink core name it. */
const UNNAMED: ScenarioSpec = {
  version: 1,
  id: 'unnamed-group',
  title: 'Unnamed group',
  summary: 'P1 joins group 3.',
  goals: [],
  processes: [{ name: 'P1', pid: 1201 }],
  routes: [],
  actions: [{ at: 0, do: 'join', actor: 'P1', group: 3 }],
};

async function openFile(page: Page, query: string, label: string): Promise<void> {
  await page.goto(`./${query}`);
  await page.getByLabel(label).setInputFiles({ name: 'unnamed.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(UNNAMED)) });
  await expect(page.getByRole('region', { name: 'P1' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'P2' })).toHaveCount(0);
}

test('?lang=es: a group the kernel has no name for is "grupo 3"; the English page says "group 3"', async ({ page }) => {
  const t = run(UNNAMED);
  const joined = t.steps.findIndex((s) => s.event.kind === 'group-joined');
  await openFile(page, '?lang=es', 'Abrir un archivo de escenario o una captura');
  expect(joined).toBe(t.steps.length - 1);
  await page.keyboard.press('End');
  const line = page.getByTestId('step-summary');
  await expect(line).toContainText(sayStep(stepText(t.steps.at(joined)!, t), es.engine.steps));
  await expect(line).toContainText('P1 se une al grupo 3 con NETLINK_ADD_MEMBERSHIP');
  const card = page.getByRole('region', { name: 'P1' });
  await expect(card.locator('.chip').filter({ hasText: 'grupo 3' }).first()).toBeVisible();
  await expect(page.getByTestId('group-3').locator('.gname')).toHaveText('grupo 3 (3)');
  for (const where of [line, card, page.getByTestId('group-3')]) await expect(where).not.toContainText(/\bgroup 3\b/);
  await page.screenshot({ path: shotPath('es-unnamed-group.png') });

  await openFile(page, '?lang=en', 'Open a scenario file');
  await page.keyboard.press('End');
  await expect(line).toContainText('P1 joins group 3 (3) via NETLINK_ADD_MEMBERSHIP');
  await expect(page.getByTestId('group-3').locator('.gname')).toHaveText('group 3 (3)');
});

/** A generic netlink request and its answer, captured: type 24 of NETLINK_GENERIC has no name the kernel gives it here. */
function genericCapture(): Buffer {
  const req = Uint8Array.from([20, 0, 0, 0, 24, 0, 5, 0, 9, 0, 0, 0, 0, 0, 0, 0, 3, 1, 0, 0]);
  const ack = Uint8Array.from([36, 0, 0, 0, 2, 0, 0, 1, 9, 0, 0, 0, 0x39, 0x30, 0, 0, 0, 0, 0, 0, 20, 0, 0, 0, 24, 0, 5, 0, 9, 0, 0, 0, 0, 0, 0, 0]);
  return Buffer.from(writePcapng([nlmonPacket(1_700_000_000_000_000, PACKET_KERNEL, req, 16), nlmonPacket(1_700_000_000_000_010, PACKET_USER, ack, 16)]));
}

test('?lang=es: a message type the kernel has no name for is "tipo 24"; the English page says "type 24"', async ({ page }) => {
  const bytes = genericCapture();
  const t = importCapture(readCapture(new Uint8Array(bytes)), { name: 'genl.pcapng' }).timeline;
  const sent = t.steps.findIndex((s) => s.event.kind === 'message-sent');
  await page.goto('./?lang=es');
  await page
    .getByLabel('Abrir un archivo de escenario o una captura')
    .setInputFiles({ name: 'genl.pcapng', mimeType: 'application/octet-stream', buffer: bytes });
  await expect(page.getByRole('region', { name: 'P12345' })).toBeVisible();
  for (let i = 0; i < sent; i++) await page.getByRole('button', { name: 'Paso adelante' }).click();
  const line = page.getByTestId('step-summary');
  await expect(line).toContainText(sayStep(stepText(t.steps.at(sent)!, t), es.engine.steps));
  await expect(line).toContainText('P12345 envía tipo 24 (flags');
  // The inspector names the type in its header line and in the field's meaning.
  const insp = page.getByRole('region', { name: 'Inspector de mensajes' });
  await expect(insp.getByTestId('field-nlmsghdr.nlmsg_type').locator('.fmean')).toHaveText('tipo 24');
  // Read by P12345 later: its card lists the answer; the log names the request's type.
  // Every step a row of its own: similar steps (the deliveries of one multicast's copies) unfolded.
  await page.getByRole('switch', { name: 'saltar pasos parecidos' }).uncheck();
  await page.getByRole('tab', { name: 'Registro de eventos' }).click();
  const log = page.getByRole('region', { name: 'Registro de eventos' });
  await expect(log.locator(`tr[data-step="${sent}"]`)).toContainText('tipo 24');
  for (const where of [line, insp, log]) await expect(where).not.toContainText(/\btype 24\b/);
  await page.getByRole('tab', { name: 'Diagrama' }).click();
  await expect(page.getByRole('region', { name: 'Diagrama de secuencia' })).toContainText('tipo 24');
  await page.screenshot({ path: shotPath('es-unnamed-type.png') });

  await page.goto('./?lang=en');
  await page.getByLabel('Open a scenario file or capture').setInputFiles({ name: 'genl.pcapng', mimeType: 'application/octet-stream', buffer: bytes });
  await expect(page.getByRole('region', { name: 'P12345' })).toBeVisible();
  for (let i = 0; i < sent; i++) await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(line).toContainText('P12345 sends type 24 (flags');
  await expect(page.getByRole('region', { name: 'Message inspector' }).getByTestId('field-nlmsghdr.nlmsg_type').locator('.fmean')).toHaveText('type 24');
});

/** Saves the diagram as SVG and reads what the file says: heading, accessible name, marks, multicasts, tooltips. */
async function savedSvg(page: Page, button: string) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  const text = readFileSync(await download.path(), 'utf8');
  const said = await page.evaluate((svg) => {
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    const texts = [...doc.querySelectorAll('svg > text')].map((e) => e.textContent ?? '');
    return {
      heading: texts[0] ?? '',
      label: doc.documentElement.getAttribute('aria-label') ?? '',
      marks: [...doc.querySelectorAll('g[data-step] text')].map((e) => e.textContent ?? ''),
      multicasts: [...doc.querySelectorAll('g[data-message] > text')].map((e) => e.textContent ?? '').filter((x) => x.startsWith('multicast')),
      tips: [...doc.querySelectorAll('title')].map((e) => e.textContent ?? ''),
    };
  }, text);
  return { text, ...said };
}

test('?lang=es: the saved diagram speaks Spanish, as the diagram on screen does; the English file is unchanged', async ({ page }) => {
  const t = timeline('event-notification');
  const last = t.steps.length - 1;
  const title = (JSON.parse(readFileSync('src/scenarios/lectures/es/event-notification.json', 'utf8')) as Record<string, string>)[t.spec.title]!;
  await page.goto('./?scenario=event-notification&lang=es');
  await page.getByRole('tab', { name: 'Diagrama de secuencia' }).click();
  const es1 = await savedSvg(page, 'Guardar SVG');
  expect(es1.heading).toBe(es.diagramExport.heading(title, 0, last));
  expect(es1.heading).toBe(`${title} · pasos 0–${last}`);
  expect(es1.label).toBe(`Diagrama de secuencia de ${title}, pasos 0 a ${last}`);
  expect(es1.marks).toContain('se une al grupo 7');
  expect(es1.multicasts).toContain('multicast al grupo 7');
  expect(es1.tips.length).toBeGreaterThan(0);
  for (const tip of es1.tips) expect(tip).toMatch(/ (?:de|del) \S+ (?:a|al) \S+, paso \d+$/);
  expect(es1.text).not.toMatch(/ · steps | to group |, step \d|joins group|Sequence diagram/);
  // The file, as a student opening it would see it.
  await page.setContent(es1.text);
  await page.screenshot({ path: shotPath('es-diagram-export.png') });

  await page.goto('./?scenario=event-notification');
  await page.getByRole('tab', { name: 'Sequence diagram' }).click();
  const en1 = await savedSvg(page, 'Save SVG');
  expect(en1.heading).toBe(`${t.spec.title} · steps 0–${last}`);
  expect(en1.label).toBe(`Sequence diagram of ${t.spec.title}, steps 0 to ${last}`);
  expect(en1.marks).toContain('joins group 7');
  expect(en1.multicasts).toContain('multicast to group 7');
  for (const tip of en1.tips) expect(tip).toMatch(/ from \S+ to \S+, step \d+$/);
});

test('?lang=es: the page that replaces a part that could not be loaded is Spanish', async ({ page }) => {
  await page.route(/SequenceDiagram-[^/]*\.js$/, (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto('./?scenario=dump&lang=es');
  await page.getByRole('tab', { name: 'Diagrama de secuencia' }).click();
  const crash = page.getByRole('alert').filter({ hasText: CRASH.es.chunkTitle });
  await expect(crash).toBeVisible();
  await expect(crash).toHaveAttribute('lang', 'es');
  await expect(crash).toContainText(CRASH.es.chunkText);
  await expect(crash.getByRole('button', { name: CRASH.es.reload })).toBeVisible();
});
