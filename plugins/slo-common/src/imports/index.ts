export { importPyrra } from './pyrra';
export { importSloth, SLOTH_DEFAULT_WINDOW } from './sloth';
