// The one plural helper: shared with the browser scripts (see the file it comes from).
export { plural } from "../assets/plural.js";
