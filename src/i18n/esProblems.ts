/**
 * A scenario's problems in Spanish: one wording per problem id of src/scenarios/problem.ts (the
 * English, the CLI's, is in problemEnglish.ts). Values quoted from the file, kernel names and JSON keys arrive as
 * parameters and stay as they are; the schema's own descriptions of a value and the JSON parser's
 * commonest messages are translated here, anything else the parser says stays in its English.
 */
import { sayFailure } from '../engine';
import type { ProblemWords } from '../scenarios/problem';
import type { ValidationWords } from './notice';
import { esEngine } from './esEngine';

const nf = new Intl.NumberFormat('es', { useGrouping: true });

/** A list, or "ninguno"/"ninguna" when it is empty. */
const list = (xs: readonly string[], none = 'ninguno') => xs.join(', ') || none;

/** The schema's descriptions of a value (schema.ts), keyed by their English so a changed one shows up untranslated in the tests. */
export const SCHEMA_PHRASES: Readonly<Record<string, string>> = {
  'a short name of letters and digits, starting with a letter': 'un nombre corto de letras y cifras que empiece por una letra',
  'an IPv4 address like 192.168.1.1': 'una dirección IPv4 como 192.168.1.1',
  'an IPv4 prefix like 10.0.1.0/24': 'un prefijo IPv4 como 10.0.1.0/24',
  'an entry name of 1 to 7 printable characters, like R3': 'un nombre de entrada de 1 a 7 caracteres imprimibles, como R3',
  'pairs of hex digits, at most 256 bytes': 'pares de cifras hexadecimales, como mucho 256 bytes',
  'lower-case letters, digits and dashes': 'letras minúsculas, cifras y guiones',
  'a language code like es or pt-BR': 'un código de idioma como es o pt-BR',
};

/** The JSON types as the schema checker names them (what was expected, what was found). */
const TYPES: Readonly<Record<string, string>> = {
  Object: 'un objeto',
  Array: 'una lista',
  string: 'un texto',
  number: 'un número',
  boolean: 'true o false',
  undefined: 'nada',
};

/** What the schema wanted: a type, one of its descriptions, or a choice of literal values. */
function wanted(expected: string): string {
  const known = TYPES[expected] ?? SCHEMA_PHRASES[expected];
  if (known) return known;
  const choices = expected.replace(/^\((.*)\)$/, '$1').split(' | ');
  return choices.length > 1 ? `uno de estos valores: ${choices.join(', ')}` : expected;
}

/** What the file has: a value quoted as it is, or a type's name. */
const found = (got: string) => TYPES[got] ?? got;

/** The JSON parser's (V8's) commonest messages; any other stays as the parser wrote it. */
const JSON_REASONS: ReadonlyArray<[RegExp, (m: RegExpExecArray) => string]> = [
  [/^Unexpected end of JSON input$/, () => 'el texto se acaba antes de que termine el JSON'],
  [/^Unexpected token (.+)$/, (m) => `carácter inesperado ${m[1]}`],
  [/^Expected property name or '}'$/, () => "se esperaba el nombre de una propiedad o '}'"],
  [/^Expected double-quoted property name$/, () => 'se esperaba el nombre de una propiedad entre comillas dobles'],
  [/^Expected ',' or '}' after property value$/, () => "se esperaba ',' o '}' tras el valor de una propiedad"],
  [/^Expected ',' or ']' after array element$/, () => "se esperaba ',' o ']' tras un elemento de la lista"],
  [/^Expected ':' after property name$/, () => "se esperaba ':' tras el nombre de una propiedad"],
  [/^No number after minus sign$/, () => 'falta un número tras el signo menos'],
  [/^Exponent part is missing a number$/, () => 'falta el número del exponente'],
  [/^Unterminated fractional number$/, () => 'faltan las cifras decimales tras el punto'],
  [/^Unterminated string(?: in JSON)?$/, () => 'falta la comilla que cierra un texto'],
  [/^Bad control character in string literal(?: in JSON)?$/, () => 'hay un carácter de control dentro de un texto'],
  [/^Bad escaped character(?: in JSON)?$/, () => 'hay una secuencia de escape no válida en un texto'],
  [/^Unexpected non-whitespace character after JSON$/, () => 'hay algo más después del final del JSON'],
];

function jsonReason(reason: string): string {
  for (const [re, say] of JSON_REASONS) {
    const m = re.exec(reason);
    if (m) return say(m);
  }
  return reason;
}

const PROBLEMS: ProblemWords = {
  'not-json': (p) => `no es JSON válido: ${jsonReason(p.reason)}`,
  'too-many-items': (p) => `demasiado larga: se admiten como mucho ${nf.format(p.max)} elementos y tiene ${nf.format(p.got)}`,
  missing: (p) => (p.key === undefined ? 'falta esta clave, que es obligatoria' : `falta ${p.key}, que es obligatorio`),
  'unknown-key': (p) =>
    p.key === undefined
      ? 'clave desconocida; quítala o revisa cómo está escrita'
      : // No key: the whole file is not an object (the English says "unknown key ;" there).
        p.key === ''
        ? 'se esperaba un objeto JSON, entre { }'
        : `clave desconocida ${p.key}; quítala o revisa cómo está escrita`,
  expected: (p) => `se esperaba ${p.expected === undefined ? 'otra cosa' : wanted(p.expected)}, pero se encontró ${found(p.got)}`,
  'expected-number': (p) => `se esperaba un número ${p.bound}, pero se encontró ${found(p.got)}`,
  'expected-integer': (p) => `se esperaba un número entero, pero se encontró ${found(p.got)}`,
  empty: () => 'no puede estar vacío',
  'too-few-items': (p) => `necesita al menos ${p.min} elementos`,
  'too-long': (p) => `demasiado largo: se admiten como mucho ${p.max}`,
  'expected-one-of': (p) => `se esperaba ${p.expected.map(wanted).join(' o ')}, pero se encontró ${found(p.got)}`,
  'no-module': (p) => `no hay ningún módulo cargado para ${p.protocol}: añade "module": {} al escenario (socket() fallaría con EPROTONOSUPPORT)`,
  'process-twice': (p) => `el proceso «${p.process}» está definido dos veces`,
  'pid-owned': (p) => `el pid ${p.pid} ya es de ${p.owner}`,
  'socket-twice': (p) => `el socket «${p.socket}» está definido dos veces en ${p.process}`,
  'unknown-interface': (p) => `no hay ninguna interfaz «${p.name}» (las conocidas: ${list(p.known, 'ninguna')})`,
  'unknown-ifindex': (p) => `ninguna interfaz tiene el índice ${p.index} (los conocidos: ${list(p.known)})`,
  'route-label-twice': (p) => `la etiqueta de ruta «${p.label}» se usa dos veces`,
  'entry-twice': (p) => `la entrada «${p.entry}» está dos veces en la tabla del módulo`,
  'stale-translation': (p) => `«${p.text}» no es un texto de este escenario (ni su título, ni su resumen, ni sus objetivos, textos de narración o preguntas)`,
  'action-label-taken': (p) => `la etiqueta de acción «${p.label}» ya es la de actions[${p.other}]`,
  'group-of-other-protocol': (p) => `${p.group} es un grupo de ${p.protocol}, pero el socket de ${p.actor} es ${p.socketProtocol}`,
  'time-backwards': (p) => `el instante ${p.at} ms es anterior al de la acción previa, ${p.previous} ms; ordena las acciones por tiempo`,
  'process-exists': (p) => `el proceso «${p.process}» ya existe`,
  'unknown-process': (p) => `no hay ningún proceso «${p.process}» (los conocidos: ${list(p.known)})`,
  'no-such-socket': (p) => `${p.process} no tiene ningún socket «${p.socket}» (tiene: ${list(p.has)})`,
  'other-family': (p) => `${p.type} es un mensaje de ${p.wanted}, pero el socket${p.socket ? ` «${p.socket}»` : ''} de ${p.actor} es ${p.socketProtocol}`,
  'needs-address-fields': (p) => `${p.type} necesita los campos de "address" (address, dev)`,
  'needs-route-fields': (p) => `${p.type} necesita los campos de "route" o la etiqueta de una ruta en "routeOf"`,
  'unknown-action-label': (p) => `ninguna acción tiene la etiqueta «${p.label}» (las etiquetas: ${list(p.labels, 'ninguna')})`,
  'no-action': (p) => `no hay ninguna acción ${p.action} (el escenario tiene ${p.count})`,
  'no-goal': (p) => `no hay ningún objetivo ${p.goal} (el escenario tiene ${p.count}, numerados desde 0)`,
  'no-choice': (p) => `la opción ${p.choice} no existe (hay ${p.count} opciones, numeradas desde 0)`,
  'single-answer': () => 'una pregunta de respuesta única necesita exactamente una respuesta',
  'run-threw': (p) => `la simulación no ha podido ejecutarlo: ${p.detail}`,
  failed: (p) => `${sayFailure(p.reason, esEngine.failures)}${p.table ? ` (la tabla de rutas en ese momento: ${list(p.table, 'vacía')})` : ''}`,
  'too-many-steps': (p) => `el escenario pasa de ${nf.format(p.steps)} pasos; hazlo más corto`,
  'route-label-taken': (p) => `la etiqueta de ruta «${p.label}» ya está ocupada`,
  'narration-no-step': (p) =>
    `no coincide con ningún paso (acción ${p.action}${p.event ? `, evento ${p.event}` : ''}${p.actor ? `, actor ${p.actor}` : ''}${p.messageType ? `, mensaje ${p.messageType}` : ''}${p.nth ? `, coincidencia ${p.nth}` : ''})`,
  'narration-same-step': (p) =>
    `empieza en el paso ${p.step}, como narration[${p.other}], así que uno de los dos no se vería nunca; usa "nth", "event", "actor" o "messageType" para mover uno`,
  'question-no-step': () => 'no coincide con ningún paso',
  'question-same-step': (p) =>
    `coincide con el paso ${p.step}, como questions[${p.other}], y antes de un paso solo se hace una pregunta; mueve una con "nth", "event", "actor" o "messageType"`,
  'file-too-large': (p) => `el archivo es demasiado grande para ser un escenario (${nf.format(p.kb)} kB; como mucho ${nf.format(p.maxKb)} kB)`,
  'link-damaged': () => 'el escenario compartido en la dirección (s=...) está dañado o cortado; vuelve a pedir el enlace',
  'link-not-json': () => 'el escenario compartido en la dirección (s=...) se descomprime en un texto que no es JSON',
  more: (p) => `y ${nf.format(p.count)} más`,
};

export const esValidation: ValidationWords = {
  problems: PROBLEMS,
  line: (line, column) => `línea ${line}, columna ${column}`,
  topLevel: '(el archivo entero)',
  scenario: '(el escenario)',
};
