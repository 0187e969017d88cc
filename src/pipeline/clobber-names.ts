/**
 * The property names an element's `name` or `id` must not take, because on a document or a form
 * it would shadow a real property (DOM clobbering: `<img name="createElement">` makes
 * `doc.createElement` that image; `<form><input name="action">` makes `form.action` the input).
 * Defusing (parse-page.ts unclobber) drops such a `name`/`id` from the elements that clobber.
 *
 * A fixed list, not the live DOM's prototypes, so that a page is defused the same under every DOM:
 * jsdom, the command's lighter parser and each browser name different things on their prototypes
 * (jsdom's Document has no `domain`, Chromium's has `fragmentDirective`, Firefox's
 * `mozFullScreen`), and a page with `<img name="domain">` must read the same everywhere. It is
 * the union of what a parsed HTML document and a form hold, on themselves (the document's
 * unforgeable `location`) and along their prototype chains (Object.prototype included:
 * `__proto__`, `constructor`), in jsdom 29, Chromium 156 and Firefox 153 ESR, as
 * `npx tsx scripts/clobber-names.ts` collects them; that script with `--check` says whether an
 * engine has a name this list lacks (clobber-names.test.ts checks jsdom's).
 *
 * Still safe where a browser later adds a name: a name shadows only what code reads, and the
 * pipeline, Readability and DOMPurify read only properties that every engine above already has.
 */
const NAMES = `
  ATTRIBUTE_NODE CDATA_SECTION_NODE COMMENT_NODE DOCUMENT_FRAGMENT_NODE DOCUMENT_NODE
  DOCUMENT_POSITION_CONTAINED_BY DOCUMENT_POSITION_CONTAINS DOCUMENT_POSITION_DISCONNECTED
  DOCUMENT_POSITION_FOLLOWING DOCUMENT_POSITION_IMPLEMENTATION_SPECIFIC DOCUMENT_POSITION_PRECEDING
  DOCUMENT_TYPE_NODE ELEMENT_NODE ENTITY_NODE ENTITY_REFERENCE_NODE NOTATION_NODE
  PROCESSING_INSTRUCTION_NODE TEXT_NODE URL __defineGetter__ __defineSetter__ __lookupGetter__
  __lookupSetter__ __proto__ acceptCharset accessKey accessKeyLabel action activeElement
  activeViewTransition addEventListener adoptNode adoptedStyleSheets after alinkColor all anchors
  animate append appendChild applets ariaActionsElements ariaActiveDescendantElement ariaAtomic
  ariaAutoComplete ariaBrailleLabel ariaBrailleRoleDescription ariaBusy ariaChecked ariaColCount
  ariaColIndex ariaColIndexText ariaColSpan ariaControlsElements ariaCurrent ariaDescribedByElements
  ariaDescription ariaDetailsElements ariaDisabled ariaErrorMessageElements ariaExpanded
  ariaFlowToElements ariaHasPopup ariaHidden ariaInvalid ariaKeyShortcuts ariaLabel
  ariaLabelledByElements ariaLevel ariaLive ariaModal ariaMultiLine ariaMultiSelectable ariaNotify
  ariaOrientation ariaOwnsElements ariaPlaceholder ariaPosInSet ariaPressed ariaReadOnly
  ariaRelevant ariaRequired ariaRoleDescription ariaRowCount ariaRowIndex ariaRowIndexText
  ariaRowSpan ariaSelected ariaSetSize ariaSort ariaValueMax ariaValueMin ariaValueNow ariaValueText
  assignedSlot attachInternals attachShadow attributeStyleMap attributes autocapitalize autocomplete
  autocorrect autofocus baseURI before bgColor blur body browsingTopics captureEvents
  caretPositionFromPoint caretRangeFromPoint characterSet charset checkValidity checkVisibility
  childElementCount childNodes children classList className clear click clientHeight clientLeft
  clientTop clientWidth cloneNode close closest compareDocumentPosition compatMode computedStyleMap
  constructor contains contentEditable contentType cookie createAttribute createAttributeNS
  createCDATASection createComment createDocumentFragment createElement createElementNS createEvent
  createExpression createNSResolver createNodeIterator createProcessingInstruction createRange
  createTextNode createTreeWalker currentCSSZoom currentScript customElementRegistry dataset
  defaultView designMode dir dispatchEvent doctype documentElement documentURI domain draggable
  editContext elementFromPoint elementTiming elements elementsFromPoint embeds
  enableStyleSheetsForSet encoding enctype enterKeyHint evaluate execCommand exitFullscreen
  exitPictureInPicture exitPointerLock featurePolicy fgColor firstChild firstElementChild focus
  focusGroup focusGroupStart fonts forms fragmentDirective fullscreen fullscreenElement
  fullscreenEnabled getAnimations getAttribute getAttributeNS getAttributeNames getAttributeNode
  getAttributeNodeNS getBoundingClientRect getClientRects getElementById getElementsByClassName
  getElementsByName getElementsByTagName getElementsByTagNameNS getHTML getRootNode getSelection
  hasAttribute hasAttributeNS hasAttributes hasChildNodes hasFocus hasOwnProperty hasPointerCapture
  hasPrivateToken hasRedemptionRecord hasStorageAccess hasUnpartitionedCookieAccess head hidden
  hidePopover id images implementation importNode inert innerHTML innerText inputEncoding inputMode
  insertAdjacentElement insertAdjacentHTML insertAdjacentText insertBefore isConnected
  isContentEditable isDefaultNamespace isEqualNode isPrototypeOf isSameNode lang lastChild
  lastElementChild lastModified lastStyleSheetSet length linkColor links localName location
  lookupNamespaceURI lookupPrefix matches method moveBefore mozCancelFullScreen mozFullScreen
  mozFullScreenElement mozFullScreenEnabled mozMatchesSelector mozRequestFullScreen
  mozSetImageElement name namespaceURI nextElementSibling nextSibling noValidate nodeName nodeType
  nodeValue nonce normalize offsetHeight offsetLeft offsetParent offsetTop offsetWidth onabort
  onanimationcancel onanimationend onanimationiteration onanimationstart onauxclick onbeforecopy
  onbeforecut onbeforeinput onbeforematch onbeforepaste onbeforetoggle onbeforexrselect onblur
  oncancel oncanplay oncanplaythrough onchange onclick onclose oncommand
  oncontentvisibilityautostatechange oncontextlost oncontextmenu oncontextrestored oncopy
  oncuechange oncut ondblclick ondrag ondragend ondragenter ondragexit ondragleave ondragover
  ondragstart ondrop ondurationchange onemptied onended onerror onfocus onformdata onfreeze
  onfullscreenchange onfullscreenerror ongotpointercapture oninput oninvalid onkeydown onkeypress
  onkeyup onload onloadeddata onloadedmetadata onloadstart onlostpointercapture onmousedown
  onmouseenter onmouseleave onmousemove onmouseout onmouseover onmouseup onmousewheel
  onmozfullscreenchange onmozfullscreenerror onpaste onpause onplay onplaying onpointercancel
  onpointerdown onpointerenter onpointerleave onpointerlockchange onpointerlockerror onpointermove
  onpointerout onpointerover onpointerrawupdate onpointerup onprerenderingchange onprogress
  onratechange onreadystatechange onreset onresize onresume onscroll onscrollend onscrollsnapchange
  onscrollsnapchanging onsearch onsecuritypolicyviolation onseeked onseeking onselect
  onselectionchange onselectstart onslotchange onstalled onsubmit onsuspend ontimeupdate ontoggle
  ontouchcancel ontouchend ontouchmove ontouchstart ontransitioncancel ontransitionend
  ontransitionrun ontransitionstart onvisibilitychange onvolumechange onwaiting onwebkitanimationend
  onwebkitanimationiteration onwebkitanimationstart onwebkitfullscreenchange onwebkitfullscreenerror
  onwebkittransitionend onwheel open outerHTML outerText ownerDocument parentElement parentNode part
  pictureInPictureElement pictureInPictureEnabled plugins pointerLockElement popover
  preferredStyleSheetSet prefix prepend prerendering previousElementSibling previousSibling
  propertyIsEnumerable pseudo queryCommandEnabled queryCommandIndeterm queryCommandState
  queryCommandSupported queryCommandValue querySelector querySelectorAll readyState referrer rel
  relList releaseCapture releaseEvents releasePointerCapture remove removeAttribute
  removeAttributeNS removeAttributeNode removeChild removeEventListener replaceChild replaceChildren
  replaceWith reportValidity requestFullscreen requestPointerLock requestStorageAccess requestSubmit
  reset role rootElement scripts scroll scrollBy scrollHeight scrollIntoView scrollIntoViewIfNeeded
  scrollLeft scrollLeftMax scrollTo scrollTop scrollTopMax scrollWidth scrollingElement
  selectedStyleSheetSet setAttribute setAttributeNS setAttributeNode setAttributeNodeNS setCapture
  setHTML setHTMLUnsafe setPointerCapture shadowRoot showPopover slot spellcheck startViewTransition
  style styleSheetSets styleSheets submit tabIndex tagName target textContent timeline title
  toLocaleString toString toggleAttribute togglePopover translate valueOf virtualKeyboardPolicy
  visibilityState vlinkColor wasDiscarded webkitCancelFullScreen webkitCurrentFullScreenElement
  webkitExitFullscreen webkitFullscreenElement webkitFullscreenEnabled webkitHidden
  webkitIsFullScreen webkitMatchesSelector webkitRequestFullScreen webkitRequestFullscreen
  webkitVisibilityState when write writeln writingSuggestions xmlEncoding xmlStandalone xmlVersion
`;

/** Every name, sorted. */
export const CLOBBER_NAMES: readonly string[] = NAMES.split(/\s+/).filter(Boolean);

const NAME_SET = new Set(CLOBBER_NAMES);

/** Whether `value`, as an element's `name` or `id`, would shadow a property of a document or a form. */
export function isClobberingName(value: string): boolean {
  return NAME_SET.has(value);
}
