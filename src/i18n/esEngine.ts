/**
 * The engine's descriptions in Spanish: one wording per step description id, per field meaning and
 * per kind of glossary sentence (the data and the English are in src/engine/describe), and the
 * Spanish of every English phrase the protocol tables hold, keyed by that English so a changed
 * English phrase shows up as missing (i18n.test.ts). Kernel names arrive as parameters, untouched.
 */
import {
  messageText as message,
  messageLabelText,
  sayFailure,
  timeText as at,
  type EngineWords,
  type FailureWords,
  type FieldWords,
  type GlossaryWords,
  type StepWords,
  type Who,
  type MessageLabel,
} from '../engine';

/** The protocol tables' English phrases (glossary rows and concepts, field rows, strerror() texts) in Spanish. */
export const PHRASES: Readonly<Record<string, string>> = {
  // Flags (FLAGS, include/uapi/linux/netlink.h).
  'This message is a request (set on everything sent to the kernel).': 'Este mensaje es una petición (lo lleva todo lo que se envía al kernel).',
  'One part of a multi-part answer; NLMSG_DONE ends it.': 'Una parte de una respuesta en varias partes; NLMSG_DONE la cierra.',
  'Send an acknowledgement (NLMSG_ERROR with error 0) on success.': 'Pide una confirmación (NLMSG_ERROR con error 0) si todo sale bien.',
  'Send the resulting notification back to the requester too.': 'Envía también al solicitante la notificación que resulta.',
  'The dump was interrupted by a change and may be inconsistent.': 'Un cambio interrumpió el dump, que puede ser incoherente.',
  'The dump was filtered as the request asked.': 'El dump se filtró como pedía la petición.',
  'Return the whole table, not one entry.': 'Devuelve la tabla entera, no una sola entrada.',
  'Return every entry that matches.': 'Devuelve todas las entradas que coinciden.',
  'Return an atomic snapshot of the table.': 'Devuelve una instantánea atómica de la tabla.',
  'Replace an existing entry.': 'Reemplaza una entrada existente.',
  'Fail with EEXIST if the entry exists.': 'Falla con EEXIST si la entrada ya existe.',
  'Create the entry if it does not exist.': 'Crea la entrada si no existe.',
  'Add to the end of the list of entries.': 'Añade al final de la lista de entradas.',
  'Do not delete recursively.': 'No borra de forma recursiva.',
  'Delete several entries at once.': 'Borra varias entradas a la vez.',
  'The echoed request was cut to its header.': 'La petición devuelta se recortó a su cabecera.',
  'Extended-ACK attributes follow the echoed request.': 'Tras la petición devuelta vienen atributos de ACK extendido.',
  // Control types.
  'Nothing: a message to be ignored.': 'Nada: un mensaje que hay que ignorar.',
  "The answer to a request: an error code (0 means success, an ACK) and the request's header.":
    'La respuesta a una petición: un código de error (0 significa éxito, un ACK) y la cabecera de la petición.',
  'The end of a multi-part answer such as a dump.': 'El final de una respuesta en varias partes, como un dump.',
  'Data was lost (defined, but the kernel does not send it).': 'Se perdieron datos (está definido, pero el kernel no lo envía).',
  // rtnetlink message types.
  'Create or change a network interface; also announces one.': 'Crea o modifica una interfaz de red; también anuncia una.',
  'Remove a network interface; also announces its removal.': 'Elimina una interfaz de red; también anuncia que se eliminó.',
  'Ask for one interface, or all of them with NLM_F_DUMP.': 'Pide una interfaz, o todas con NLM_F_DUMP.',
  'Add an address to an interface; also announces a new address.': 'Añade una dirección a una interfaz; también anuncia una dirección nueva.',
  'Remove an address; also announces its removal.': 'Elimina una dirección; también anuncia que se eliminó.',
  'Ask for the addresses, usually all of them with NLM_F_DUMP.': 'Pide las direcciones, normalmente todas con NLM_F_DUMP.',
  'Add a route; also how the kernel describes a route (a notification or one part of a dump).':
    'Añade una ruta; también es como el kernel describe una ruta (en una notificación o en una parte de un dump).',
  'Delete a route; also announces that a route is gone.': 'Borra una ruta; también anuncia que una ruta ya no está.',
  'Ask for a route, or the whole table with NLM_F_DUMP.': 'Pide una ruta, o la tabla entera con NLM_F_DUMP.',
  // Multicast groups.
  'Multicast group for interface changes.': 'Grupo multicast de los cambios de interfaces.',
  'Multicast group for IPv4 address changes.': 'Grupo multicast de los cambios de direcciones IPv4.',
  'Multicast group for IPv4 route changes: members get a copy of each RTM_NEWROUTE / RTM_DELROUTE.':
    'Grupo multicast de los cambios de rutas IPv4: cada miembro recibe una copia de cada RTM_NEWROUTE / RTM_DELROUTE.',
  'Multicast group for IPv6 route changes.': 'Grupo multicast de los cambios de rutas IPv6.',
  // Route attributes (also field meanings in the inspector, so no article).
  'destination prefix': 'prefijo de destino',
  'source prefix': 'prefijo de origen',
  'input interface index': 'índice de la interfaz de entrada',
  'output interface index': 'índice de la interfaz de salida',
  'interface index': 'índice de la interfaz',
  'next-hop address': 'dirección del siguiente salto',
  'route metric': 'métrica de la ruta',
  'preferred source address': 'dirección de origen preferida',
  'routing table id': 'identificador de la tabla de rutas',
  // Address attributes.
  'the address (the peer on point-to-point links)': 'la dirección (la del otro extremo en los enlaces punto a punto)',
  'the local address': 'la dirección local',
  'the interface label': 'la etiqueta de la interfaz',
  'the broadcast address': 'la dirección de broadcast',
  'lifetimes (s) and creation/update stamps (1/100 s since boot)': 'tiempos de vida (s) y marcas de creación y actualización (1/100 s desde el arranque)',
  'address flags (IFA_F_*)': 'flags de la dirección (IFA_F_*)',
  // strerror() as glibc says it in Spanish.
  'Operation not permitted': 'Operación no permitida',
  'No such file or directory': 'No existe el fichero o el directorio',
  'No such process': 'No existe el proceso',
  'Resource temporarily unavailable': 'Recurso no disponible temporalmente',
  'Cannot allocate memory': 'No se puede asignar memoria',
  'Device or resource busy': 'Dispositivo o recurso ocupado',
  'File exists': 'El fichero ya existe',
  'No such device': 'No existe tal dispositivo',
  'Invalid argument': 'Argumento inválido',
  'No space left on device': 'No queda espacio en el dispositivo',
  'Numerical result out of range': 'El resultado numérico está fuera de rango',
  'Protocol not supported': 'Protocolo no admitido',
  'Operation not supported': 'Operación no admitida',
  'Address already in use': 'La dirección ya se está usando',
  'Cannot assign requested address': 'No se puede asignar la dirección solicitada',
  'Network is unreachable': 'La red es inaccesible',
  'No buffer space available': 'No hay espacio de búfer disponible',
  'Connection refused': 'Conexión rehusada',
  // SOL_NETLINK socket options (the sandbox's hints too).
  'each read also says which multicast group the message came through': 'cada lectura dice también por qué grupo multicast llegó el mensaje',
  'drops on a full queue are silent: no ENOBUFS, no congestion': 'los descartes por cola llena son silenciosos: sin ENOBUFS ni congestión',
  'an error echoes only the request’s header, not the whole request': 'un error devuelve solo la cabecera de la petición, no la petición entera',
  'errors carry the kernel’s explanation as attributes': 'los errores traen la explicación del kernel como atributos',
  'dump requests are checked strictly, and filters are honoured': 'las peticiones de dump se comprueban estrictamente y se respetan los filtros',
  // The course module's messages.
  'tell me when this entry is deleted': 'avísame cuando se borre esta entrada',
  'stop telling me': 'deja de avisarme',
  'add an entry': 'añade una entrada',
  'delete an entry now': 'borra una entrada ahora mismo',
  'dump: one ENTRY per entry, then NLMSG_DONE': 'dump: un ENTRY por entrada y después NLMSG_DONE',
  'one entry of a dump': 'una entrada de un dump',
  'notification: the entry is gone': 'notificación: la entrada ya no está',
  'start the deletion timer': 'arranca el temporizador de borrado',
  // Fields and ideas.
  'The 16-byte header every netlink message starts with: length, type, flags, seq and port id.':
    'La cabecera de 16 bytes con la que empieza todo mensaje netlink: longitud, tipo, flags, seq y port id.',
  'The length of the whole message in bytes, header included.': 'La longitud del mensaje entero en bytes, cabecera incluida.',
  'What the message is: a request or answer type such as RTM_NEWROUTE, or a control type such as NLMSG_ERROR.':
    'Qué es el mensaje: un tipo de petición o de respuesta, como RTM_NEWROUTE, o un tipo de control, como NLMSG_ERROR.',
  'Bits that modify the message: NLM_F_REQUEST, NLM_F_ACK, NLM_F_DUMP and others.':
    'Bits que modifican el mensaje: NLM_F_REQUEST, NLM_F_ACK, NLM_F_DUMP y otros.',
  'A number the sender chooses; the kernel copies it into its answers so they can be matched to the request.':
    'Un número que elige el emisor; el kernel lo copia en sus respuestas para que se puedan emparejar con la petición.',
  'A port id: in an answer, the socket it is addressed to; 0 when the kernel sends on its own.':
    'Un port id: en una respuesta, el socket al que va dirigida; 0 cuando el kernel envía por su cuenta.',
  'The address of a netlink socket (nl_pid); the kernel is port id 0, a process’s first socket usually gets its pid.':
    'La dirección de un socket netlink (nl_pid); el kernel es el port id 0, y el primer socket de un proceso suele recibir su pid.',
  'The bind() field that joins multicast groups by bitmask: bit n-1 for group n (groups above 32 need NETLINK_ADD_MEMBERSHIP).':
    'El campo de bind() que une a grupos multicast con una máscara de bits: el bit n-1 para el grupo n (los grupos por encima del 32 necesitan NETLINK_ADD_MEMBERSHIP).',
  'The port id field of struct sockaddr_nl; 0 at bind() lets the kernel choose.':
    'El campo port id de struct sockaddr_nl; un 0 en bind() deja que elija el kernel.',
  'A netlink socket address: the family AF_NETLINK, a port id and a group mask.':
    'Una dirección de socket netlink: la familia AF_NETLINK, un port id y una máscara de grupos.',
  'A route attribute: a small type-length-value record after the rtmsg (RTA_DST, RTA_GATEWAY…).':
    'Un atributo de ruta: un pequeño registro tipo-longitud-valor detrás del rtmsg (RTA_DST, RTA_GATEWAY…).',
  'The fixed part of a route message: family, prefix length, table, protocol, scope and type.':
    'La parte fija de un mensaje de ruta: familia, longitud de prefijo, tabla, protocolo, ámbito (scope) y tipo.',
  'The body of NLMSG_ERROR: the error code (negative errno, or 0 for an ACK) and the request’s header.':
    'El cuerpo de NLMSG_ERROR: el código de error (un errno negativo, o 0 para un ACK) y la cabecera de la petición.',
  'NLM_F_ROOT|NLM_F_MATCH: ask for every entry, answered in parts ended by NLMSG_DONE.':
    'NLM_F_ROOT|NLM_F_MATCH: pide todas las entradas; la respuesta llega en partes y NLMSG_DONE la cierra.',
  'The netlink protocol of routing: routes, addresses, interfaces (rtnetlink).':
    'El protocolo netlink del enrutamiento: rutas, direcciones, interfaces (rtnetlink).',
  'The setsockopt() that joins one multicast group by number.': 'La opción de setsockopt() que une el socket a un grupo multicast, por su número.',
  'The setsockopt() that leaves one multicast group.': 'La opción de setsockopt() que saca el socket de un grupo multicast.',
  'The socket option that sets the receive buffer; the kernel doubles the value asked (at least 2 304 bytes).':
    'La opción de socket que fija el búfer de recepción; el kernel dobla el valor pedido (como mínimo 2 304 bytes).',
  'How many bytes a socket’s receive queue may hold, counted by skb size (truesize), not by message length.':
    'Cuántos bytes puede guardar la cola de recepción de un socket, contados por el tamaño del skb (truesize), no por la longitud del mensaje.',
  'The size of the first buffer a dump fills: about one page, so many route messages fit in one datagram.':
    'El tamaño del primer búfer que llena un dump: más o menos una página, así que en un datagrama caben muchos mensajes de ruta.',
  // Fields of the course module's struct rtmgr_entry_msg.
  'entry name, NUL-padded': 'nombre de la entrada, rellenado con NUL',
  'IPv4 destination, network byte order': 'destino IPv4 en orden de red',
  'prefix length': 'longitud del prefijo',
  'zero on send, ignored on receive': 'cero al enviar; se ignora al recibir',
  'the timer’s delay; 0 = not armed (ARM: 0 means 10 000)': 'el retardo del temporizador; 0 = sin armar (en ARM, 0 significa 10 000)',
};

/** A phrase in Spanish; an English phrase nobody translated yet stays readable (and i18n.test.ts fails). */
export const phrase = (english: string): string => PHRASES[english] ?? english;

/** "P1", or "P3 (socket «sync»)" when the process has more than one. */
const who = (w: Who) => (w.socket === undefined ? w.process : `${w.process} (socket «${w.socket}»)`);
/** "el socket de P1", or "el socket «sync» de P3". */
const socketOf = (w: Who) => (w.socket === undefined ? `el socket de ${w.process}` : `el socket «${w.socket}» de ${w.process}`);
/** An endpoint as a subject, after "a" and after "de": the kernel takes the article, a process does not. */
const KERNEL = 'kernel';
const subject = (e: string) => (e === KERNEL ? 'el kernel' : e);
const to = (e: string) => (e === KERNEL ? 'al kernel' : `a ${e}`);
const from = (e: string) => (e === KERNEL ? 'del kernel' : `de ${e}`);

/** A group after "a" / "de": the kernel's name, or "al grupo 3" / "del grupo 3" when it has none (its number is then said once). */
const toGroup = (name: string | null, n: number, number = true) => (name === null ? `al grupo ${n}` : `a ${name}${number ? ` (${n})` : ''}`);
const fromGroup = (name: string | null, n: number) => (name === null ? `del grupo ${n}` : `de ${name} (${n})`);

/** A message named in short; a type the kernel has no name for is the inspector's "tipo 42". */
const label = (l: MessageLabel) => messageLabelText(l, FIELDS.type);

const DROP_REASON = {
  'rcvbuf-full': 'cola de recepción llena',
  congested: 'el socket sigue congestionado tras un desbordamiento',
  truncated: 'no cabía en el búfer de recvmsg() (MSG_TRUNC), y el resto del datagrama se pierde',
  closed: 'el socket se cerró, y lo que tenía en cola se liberó',
} as const;

/** Why an action could not run. Sockets keep the engine's names ("P1/s0"); a name the learner typed goes in «». */
const FAILURES: FailureWords = {
  'no-socket': (f) => (f.socket === undefined ? `${f.process} no tiene ningún socket` : `${f.process} no tiene ningún socket «${f.socket}»`),
  'already-closed': (f) => `${f.socket} ya está cerrado`,
  'already-member': (f) => `${f.socket} ya es miembro del grupo ${f.group}`,
  'not-member': (f) => `${f.socket} no es miembro del grupo ${f.group}`,
  'process-exists': (f) => `ya hay un proceso ${f.process}`,
  'pid-taken': (f) => `el pid ${f.pid} ya está en uso`,
  'no-process': (f) => `no hay ningún proceso ${f.process}`,
  'socket-exists': (f) => `${f.process} ya tiene un socket «${f.socket}»`,
  'protocol-not-registered': (f) =>
    `socket(AF_NETLINK, SOCK_RAW, ${f.protocol}) falla con EPROTONOSUPPORT: ningún módulo ha registrado el protocolo ${f.number}`,
  'no-family': (f) => `ninguna familia del kernel atiende el protocolo ${f.number}`,
  'port-in-use': (f) => `bind(): el port id ${f.portId} ya está en uso (EADDRINUSE)`,
  'already-bound': (f) => `bind(): ${f.socket} ya está asociado al port id ${f.portId}; solo puede volver a indicar ese mismo id (EINVAL)`,
  'no-kernel-timer': (f) => `${f.protocol} no tiene ningún temporizador del kernel que armar`,
  'no-timer-cancel': (f) => `${f.protocol} no ofrece forma de cancelar un temporizador (rtmgr_mod.c no tiene ninguna)`,
  'no-route-to-time': (f) => `no hay ninguna ruta ${f.route} en la que armar un temporizador`,
  'no-timer': (f) => `${f.route} no tiene ningún temporizador armado`,
  'module-not-loaded': () => 'el módulo no está cargado (añade "module" al escenario)',
  'no-entry-to-time': (f) => `el módulo no tiene ninguna entrada ${f.entry} en la que armar un temporizador`,
  'unknown-type': (f) => `tipo de mensaje desconocido: ${f.type}`,
  'not-protocol-type': (f) => `${f.type} no es un tipo de mensaje de ${f.protocol}`,
  'not-a-flag': (f) => `${f.flag} no es un flag de ${f.type}`,
  'entry-name': (f) => `el nombre de entrada «${f.name}» no tiene de 1 a 8 caracteres imprimibles`,
  'needs-entry': (f) => `${f.type} necesita "entry": { "name": ... }`,
  'no-route': (f) => `no hay ninguna ruta ${f.route} en la tabla cuando se envía ${f.type}`,
  'needs-route': (f) => `${f.type} necesita los campos de una ruta`,
  'dump-only': (f) => `${f.type} solo se responde como dump: añade NLM_F_DUMP`,
  'needs-address': (f) => `${f.type} necesita los campos de "address"`,
  'not-hex': (f) => `atributo extra ${f.attribute}: «${f.hex}» no son bytes en hexadecimal`,
  // The wire encoder's own message stays English (marked so on the page).
  'not-encodable': (f) => `la petición no se puede codificar: ${f.detail}`,
  'unknown-name': (f) => `nombre desconocido: «${f.name}»`,
  'not-prefix': (f) => `«${f.text}» no es un prefijo IPv4 como 10.0.1.0/24`,
  'unknown-interface': (f) => `interfaz desconocida: «${f.name}»`,
};

const STEPS: StepWords = {
  start: (d) => `Inicio: ${d.title}`,
  'process-started': (d) => `${d.process} arranca (pid ${d.pid})`,
  'socket-opened': (d) => `${d.process} abre un socket ${d.protocol} «${d.socket}»`,
  'socket-bound': (d) => `${socketOf(d.who)} queda asociado al port id ${d.portId}${d.autobind ? ' (autobind)' : ''}`,
  'group-joined': (d) => `${who(d.who)} se une ${toGroup(d.group, d.number)}${d.via === 'bind' ? ' con nl_groups en bind()' : ' con NETLINK_ADD_MEMBERSHIP'}`,
  'group-left': (d) => `${who(d.who)} sale ${fromGroup(d.group, d.number)}${d.via === 'bind' ? ' con nl_groups en bind()' : ' con NETLINK_DROP_MEMBERSHIP'}`,
  'rcvbuf-set': (d) =>
    `${who(d.who)} fija SO_RCVBUF en ${d.requested}: el kernel guarda ${d.bytes} bytes${d.doubled ? ' (el doble)' : ` (el doble, con rmem_max como tope y ${d.min} como mínimo)`}`,
  'option-set': (d) => `${who(d.who)} ${d.on ? 'activa' : 'desactiva'} ${d.option}`,
  multicast: (d) => {
    const n = d.copies.length;
    return `el kernel envía ${message(d.message, FIELDS.type)} por multicast ${toGroup(d.group, d.number, false)}: ${n === 0 ? 'no hay miembros, ninguna copia' : `${n} ${n === 1 ? 'copia' : 'copias'} (${d.copies.join(', ')})`}`;
  },
  sent: (d) => `${subject(d.from)} envía ${message(d.message, FIELDS.type)} ${to(d.to)}`,
  'kernel-received': (d) => `el kernel recibe ${label(d.label)} ${from(d.from)}`,
  queued: (d) => `${label(d.label)} entra en la cola de recepción de ${d.to} (${d.bytes} bytes; cuesta ${d.truesize} por el skb)`,
  'queued-datagram': (d) =>
    `un datagrama de ${d.count} mensajes entra en la cola de recepción de ${d.to} (${d.bytes} bytes; cuesta ${d.truesize} por el skb), empezando por ${label(d.label)}`,
  'in-datagram': (d) => `${label(d.label)} es el mensaje ${d.index} de ${d.count} de ese datagrama`,
  dropped: (d) => `${label(d.label)} ${d.reason === 'truncated' ? 'cortado' : 'descartado'} para ${d.to}: ${DROP_REASON[d.reason]}`,
  read: (d) => {
    const what = `${message(d.message, FIELDS.type)}${d.route === undefined ? '' : `, es decir, ${d.route}`}`;
    return `${who(d.who)} lee ${what}${d.count === 1 ? '' : ` (mensaje ${d.index} de ${d.count} de un mismo recvmsg())`}`;
  },
  'read-error': (d) =>
    d.errno === 'ENOBUFS'
      ? `el recvmsg() de ${who(d.who)} falla con ENOBUFS: se descartaron mensajes, hay que resincronizar`
      : `el recvmsg() de ${who(d.who)} no encuentra nada que leer (EAGAIN)`,
  'module-timer-armed': (d) => `el módulo arma el temporizador de ${d.route} (mod_timer): borrará ${d.route} en ${at(d.fireAt)}`,
  'lifetime-noted': (d) => `el kernel anota el tiempo de vida de ${d.address}: ${d.valid ? 'se borra' : 'queda obsoleta'} en ${at(d.fireAt)}`,
  'timer-armed': (d) => `el kernel arma un temporizador: borrar ${d.route} en ${at(d.fireAt)}`,
  'timer-cancelled': (d) => `el kernel cancela el temporizador de ${d.route}`,
  'module-timer-fired': (d) => `vence el temporizador de ${d.route}: rtmgr_timer_fn() no puede dormir, así que programa el work item que borra ${d.route}`,
  'lifetime-expired': (d) => `se ejecuta check_lifetime(): se ha agotado un tiempo de vida de ${d.address}`,
  'timer-fired': (d) => `vence el temporizador de ${d.route}`,
  'route-added': (d) => `el kernel ${d.replaced ? 'reemplaza' : 'añade'} ${d.label}: ${d.route}`,
  'route-removed': (d) => `el kernel borra ${d.label}: ${d.route}`,
  'address-added': (d) => `el kernel añade la dirección ${d.address} en ${d.dev}`,
  'address-deprecated': (d) => `termina el tiempo de vida preferido de ${d.address} en ${d.dev}: la dirección queda obsoleta (deprecated)`,
  'address-removed': (d) => `el kernel quita la dirección ${d.address} de ${d.dev}`,
  'socket-closed': (d) => `${who(d.who)} cierra su socket ${d.protocol}${d.portId === null ? '' : `: el port id ${d.portId} vuelve a estar libre`}`,
  'entry-changed': (d) => {
    switch (d.change) {
      case 'added':
        return `el módulo añade ${d.entry} en un hueco libre`;
      case 'deleted':
        return `el módulo libera el hueco de ${d.entry}; su lista de interés se va con él`;
      case 'registered':
        return `el módulo añade el port id ${d.port} al final de la lista de interés de ${d.entry}`;
      case 'unregistered':
        return `el módulo quita el port id ${d.port} de la lista de interés de ${d.entry}`;
      case 'forgotten':
        return `el módulo olvida el port id ${d.port}: ya no existe, así que sale de la lista de interés de ${d.entry}`;
    }
  },
  'unicast-failed': (d) => `nlmsg_unicast() al port id ${d.port} falla con ECONNREFUSED: ya no lo tiene ningún socket ${d.protocol}`,
  'action-failed': (d) => `no se pudo hacer: ${sayFailure(d.reason, FAILURES)}`,
};

const FIELDS: FieldWords = {
  none: 'ninguno',
  length: 'bytes, cabecera incluida',
  seq: 'número de secuencia que elige el emisor',
  'kernel-port': 'port id 0: el kernel',
  tos: 'tipo de servicio',
  'attr-length': 'bytes, con cabecera, sin relleno',
  payload: 'carga',
  ipv4: 'dirección IPv4 en orden de red',
  padding: 'relleno hasta un múltiplo de 4 bytes',
  'not-decoded': 'sin decodificar',
  'not-armed': 'sin armar (0)',
  ack: '0: éxito, es un ACK',
  'dump-ok': '0: el dump terminó con normalidad',
  'ext-ack-message': 'la explicación del kernel',
  'ext-ack-offset': 'posición en bytes, dentro de la petición, del atributo que falla',
  'ext-ack-attribute': 'atributo de ACK extendido',
  port: (n) => `port id ${n}`,
  family: (n) => `familia ${n}`,
  prefix: (n) => `prefijo /${n}`,
  protocol: (n) => `protocolo ${n}`,
  scope: (n) => `ámbito ${n}`,
  type: (n) => `tipo ${n}`,
  attribute: (n) => `atributo ${n}`,
  ms: (n) => `${n} ms`,
  table: (table) => `tabla ${table}`,
  row: phrase,
};

const GLOSSARY: GlossaryWords = {
  group: (text, group) => `${phrase(text)} Grupo número ${group}.`,
  'route-attribute': (text, type) => `Atributo de ruta ${type}: ${phrase(text)}.`,
  'address-attribute': (text, type) => `Atributo de dirección ${type}: ${phrase(text)}.`,
  'module-message': (text, type) => `Mensaje ${type} del módulo del curso: ${phrase(text)}.`,
  'ext-ack-attribute': (type) => `Atributo ${type} de ACK extendido de un NLMSG_ERROR.`,
  errno: (text, code) => `Error ${code}, «${phrase(text)}»; el kernel lo devuelve como -${code}.`,
  'socket-option': (text) => `Una opción de socket de SOL_NETLINK: ${phrase(text)}.`,
  sentence: phrase,
};

export const esEngine: EngineWords = { steps: STEPS, failures: FAILURES, fields: FIELDS, glossary: GLOSSARY };
