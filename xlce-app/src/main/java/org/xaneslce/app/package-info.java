/**
 * The `xlce` command line: parses options, calls the core, prints.
 *
 * <p>May import: the core (moving to org.xaneslce.api only, issue 13), app.report, app.web.
 */
package org.xaneslce.app;
