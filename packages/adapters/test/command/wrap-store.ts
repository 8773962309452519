export { wrapStore } from '../../src/store/wrap-store.js'
