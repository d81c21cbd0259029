/** Importing this module declares the rows of every implemented catalog relation. */
import "./namespaces.js";
import "./pg-class.js";
