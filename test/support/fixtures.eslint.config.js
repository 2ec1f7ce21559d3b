// The fixtures' lint config for the integration test: every rule of the built plugin.
import plugin from '../../dist/src/index.js';

export default [...plugin.configs.all];
