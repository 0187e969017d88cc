import '../../src/library-view/palette.css';
import '../../src/library-view/library-list.css';
import { startPopup } from '../../src/popup/popup-app';

void startPopup(document);
