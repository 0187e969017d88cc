import { startPopup } from '../../src/popup/popup-app';

void startPopup(document);
