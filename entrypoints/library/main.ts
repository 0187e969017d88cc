import '../../src/library-view/palette.css';
import '../../src/library-view/library-list.css';
import { startLibraryPage } from '../../src/library-view/library-page';

void startLibraryPage(document);
