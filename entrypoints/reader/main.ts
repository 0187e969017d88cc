import { startReader } from '../../src/reader/reader-app';

void startReader(document);
