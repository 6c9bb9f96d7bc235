/**
 * `xlce serve`: the web page and its JSON API, over org.xaneslce.api.
 *
 * <p>May import: api, io, spectrum.io.
 */
package org.xaneslce.app.web;
