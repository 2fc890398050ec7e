"""Hostile Markdown: script injection attempts an editor's pasted text could carry.

Most are the classics of the OWASP XSS filter evasion cheat sheet, the rest
are Markdown-specific (link syntax, reference links, autolinks, image alt text)
and parser-differential (mutation XSS) payloads. Each entry is
``(id, payload, text that must survive as text or None)``.
"""

from __future__ import annotations

HOSTILE: list[tuple[str, str, str | None]] = [
    # --- script elements -------------------------------------------------------------
    ("script-basic", "<script>alert('XSS')</script>Weiter im Text.", "Weiter im Text."),
    ("script-src-uppercase", "<SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>", None),
    ("script-slash-attr", '<SCRIPT/XSS SRC="http://xss.rocks/xss.js"></SCRIPT>', None),
    ("script-extra-open-bracket", '<<SCRIPT>alert("XSS");//\\<</SCRIPT>', None),
    ("script-unclosed", "<SCRIPT SRC=http://xss.rocks/xss.js?< B >", None),
    ("script-nested-split", "<scr<script>ipt>alert(1)</scr</script>ipt>", None),
    ("script-after-title", '</TITLE><SCRIPT>alert("XSS");</SCRIPT>', None),
    ("script-in-conditional-comment", "<!--[if gte IE 4]><SCRIPT>alert('XSS');</SCRIPT><![endif]-->", None),
    ("script-in-cdata", "<![CDATA[<script>alert(1)</script>]]>", None),
    ("script-quote-break", '<IMG """><SCRIPT>alert("XSS")</SCRIPT>">', None),
    # --- event handlers ---------------------------------------------------------------
    ("img-onerror", "<img src=x onerror=alert(1)>Abbildung", "Abbildung"),
    ("img-onerror-charrefs", '<img src=x onerror="&#0000106&#0000097&#0000118&#0000097&#0000115'
     '&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101'
     '&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041">', None),
    ("img-onmouseover", "<IMG SRC=# onmouseover=\"alert('xxs')\">", None),
    ("img-fromcharcode", '<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>', None),
    ("a-onmouseover", '<a onmouseover="alert(document.cookie)">xxs link</a>', "xxs link"),
    ("div-onmouseover", '<div onmouseover="alert(1)">Überfahren</div>', "Überfahren"),
    ("body-onload-junk", '<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert("XSS")>', None),
    ("svg-onload", "<svg/onload=alert('XSS')>", None),
    ("details-ontoggle", "<details open ontoggle=alert(1)>Details</details>", "Details"),
    ("video-source-onerror", '<video><source onerror="alert(1)"></video>Video', "Video"),
    ("input-image", "<INPUT TYPE=\"IMAGE\" SRC=\"javascript:alert('XSS');\">", None),
    # --- URLs in HTML attributes -------------------------------------------------------------
    ("img-src-javascript", "<IMG SRC=\"javascript:alert('XSS');\">", None),
    ("img-src-mixed-case", "<IMG SRC=JaVaScRiPt:alert('XSS')>", None),
    ("img-src-backticks", "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>", None),
    ("img-src-decimal-entities", "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;"
     "&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>", None),
    ("a-href-hex-entities", '<a href="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A'
     '&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29">Hex</a>', "Hex"),
    ("a-href-colon-entity", '<a href="javascript&#58;alert(1)">Doppelpunkt</a>', "Doppelpunkt"),
    ("a-href-colon-named-entity", '<a href="javascript&colon;alert(1)">colon</a>', "colon"),
    ("a-href-entity-no-semicolon", '<a href="&#106avascript:alert(1)">ohne Semikolon</a>', "ohne Semikolon"),
    ("a-href-embedded-tab", "<a href=\"jav&#x09;ascript:alert('XSS');\">Tab</a>", "Tab"),
    ("a-href-embedded-newline", "<a href=\"jav&#x0A;ascript:alert('XSS');\">Zeile</a>", "Zeile"),
    ("a-href-leading-space-and-control", "<a href=\" &#14;  javascript:alert('XSS');\">Leer</a>", "Leer"),
    ("a-href-control-char", '<a href="&#1;javascript:alert(1)">Steuer</a>', "Steuer"),
    ("a-href-uppercase", '<A HREF="JAVASCRIPT:alert(1)">Gross</A>', "Gross"),
    ("a-href-vbscript", "<a href=\"vbscript:msgbox('XSS')\">VB</a>", "VB"),
    ("a-href-data-html", "<a href='data:text/html,<script>alert(1)</script>'>Daten</a>", "Daten"),
    ("img-src-split-by-comment", "<IMG SRC=\"javas<!-- -->cript:alert('XSS')\">", None),
    ("body-background", "<BODY BACKGROUND=\"javascript:alert('XSS')\">", None),
    ("table-background", "<TABLE BACKGROUND=\"javascript:alert('XSS')\"><tr><td>Zelle</td></tr></TABLE>", "Zelle"),
    ("td-style-url", '<table><tr><td style="background:url(javascript:alert(1))">Z2</td></tr></table>', "Z2"),
    # --- elements that load or restyle things ----------------------------------------
    ("style-list-image", "<STYLE>li {list-style-image: url(\"javascript:alert('XSS')\");}</STYLE><UL><LI>XSS</br>",
     "XSS"),
    ("div-style-background", "<DIV STYLE=\"background-image: url(javascript:alert('XSS'))\">Hinter</DIV>", "Hinter"),
    ("div-style-expression", "<DIV STYLE=\"width: expression(alert('XSS'));\">Breite</DIV>", "Breite"),
    ("link-stylesheet", "<LINK REL=\"stylesheet\" HREF=\"javascript:alert('XSS');\">", None),
    ("meta-refresh", "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=javascript:alert('XSS');\">", None),
    ("meta-refresh-data", '<META HTTP-EQUIV="refresh" CONTENT="0;url=data:text/html base64,'
     'PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4K">', None),
    ("base-href", "<BASE HREF=\"javascript:alert('XSS');//\">", None),
    ("iframe", "<IFRAME SRC=\"javascript:alert('XSS');\"></IFRAME>", None),
    ("iframe-unclosed", "<iframe src=http://xss.rocks/scriptlet.html <", None),
    ("object", '<OBJECT TYPE="text/x-scriptlet" DATA="http://xss.rocks/scriptlet.html"></OBJECT>', None),
    ("embed-data-svg", '<EMBED SRC="data:image/svg+xml;base64,PHN2ZyB4bWxuczpzdmc9Imh0dH A6Ly93d3cudzMub3JnLzIwMDAvc3ZnIj48'
     'L3N2Zz4=" type="image/svg+xml" AllowScriptAccess="always"></EMBED>', None),
    ("form-action", '<form action="javascript:alert(1)"><button>Los</button></form>', "Los"),
    ("xml-island", "<XML ID=\"xss\"><I><B><IMG SRC=\"javas<!-- -->cript:alert('XSS')\"></B></I></XML>", None),
    ("svg-script", "<svg><script>alert(1)</script><a xlink:href=\"javascript:alert(2)\">S</a></svg>", None),
    ("math-href", '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">M</maction></math>', None),
    # --- mutation XSS: parser differentials ------------------------------------------
    ("mxss-noscript-title", '<noscript><p title="</noscript><img src=x onerror=alert(1)>">', None),
    ("mxss-math-style", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", None),
    ("mxss-svg-style", "<svg></p><style><a id=\"</style><img src=1 onerror=alert(1)>\">", None),
    # --- Markdown syntax ------------------------------------------------------------------
    ("md-link-javascript", "[Klick](javascript:alert(1))", "Klick"),
    ("md-link-javascript-uppercase", "[Klick](JAVASCRIPT:alert(1))", "Klick"),
    ("md-link-javascript-spaces", "[Klick]( javascript:alert(1) )", "Klick"),
    ("md-link-javascript-entity", "[Klick](javascript&#58;alert(1))", "Klick"),
    ("md-link-javascript-angle", "[Klick](<javascript:alert(1)>)", "Klick"),
    ("md-link-vbscript", "[Klick](vbscript:msgbox(1))", "Klick"),
    ("md-link-data", "[Klick](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", "Klick"),
    ("md-link-title-breakout", '[Klick](https://example.org "t" onmouseover="alert(1)")', "Klick"),
    ("md-link-quote-breakout", '[Klick](https://example.org" onclick="alert(1))', "Klick"),
    ("md-reference-link", "Siehe [Quelle][q].\n\n[q]: javascript:alert(1)", "Quelle"),
    ("md-reference-link-title", '[Quelle][q]\n\n[q]: javascript:alert(1) "Titel"', "Quelle"),
    ("md-autolink-javascript", "<javascript:alert(1)>", None),
    ("md-autolink-vbscript", "<vbscript:msgbox(1)>", None),
    ("md-image-javascript", "![Bild](javascript:alert(1))", "Bild"),
    ("md-image-alt-breakout", '![Bild" onerror="alert(1)](x)', None),
    ("md-image-data-svg", "![Grafik](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)", "Grafik"),
    ("md-html-comment", "Vor <!-- <script>alert(1)</script> --> nach", "nach"),
    ("md-footnote-link", "Text[^a]\n\n[^a]: [Fuß](javascript:alert(1))", "Fuß"),
    ("md-table-cell-html", "| a | b |\n|---|---|\n| <img src=x onerror=alert(1)> | [x](javascript:alert(1)) |", None),
    ("md-abbr-title", '*[HTML]: " onmouseover="alert(1)\n\nHTML', "HTML"),
]
