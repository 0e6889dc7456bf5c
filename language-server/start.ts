/** Entry of the bundled server process the VS Code extension starts. */
import { startServer } from './main.js';

startServer();
