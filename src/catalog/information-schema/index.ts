/** Importing this module declares the rows of the implemented information_schema views. */
import "./tables.js";
import "./columns.js";
import "./constraints.js";
import "./routines.js";
