import { startOptions } from '../../src/reader/options-app';

void startOptions(document);
