/**
 * The code behind the simulation: for each step, the C system call (or the kernel's path) that
 * makes it happen, and a whole scenario as a runnable C program. Pure functions of the engine's
 * timeline; no React, no DOM.
 */
export { cProgram, type CProgram, type Skipped } from './program';
export { requestDecl, requestDeclOf, type RequestCode } from './message';
export { ipCommand, routeAddArgs } from './iproute';
export { stepCode, type StepCode, type CodeBlock, type PathEntry } from './step';
