import { startOptions } from '../../src/options/options-app';

void startOptions(document);
