<?xml version="1.0" encoding="utf-8"?>
<!-- Shows our RSS feeds as a readable page in a browser: what a feed is, its address to
     copy into a feed reader, and its items. Feed readers ignore it. XSLT 1.0, no script:
     every value is written as text, never as markup. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:atom="http://www.w3.org/2005/Atom">
<xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat" indent="no"/>
<xsl:variable name="self" select="/rss/channel/atom:link[@rel='self']/@href"/>
<!-- The way from the feed to this stylesheet, as the feed's xml-stylesheet gives it
     ("../../" from topics/gold/feed.xml): the site's icon is found from there. -->
<xsl:variable name="stylesheet" select="string(/processing-instruction('xml-stylesheet'))"/>
<xsl:variable name="up" select="substring-before(substring-after($stylesheet, 'href=&quot;'), '{{ stylesheet }}&quot;')"/>

<!-- The description's text without its markup, cut short. -->
<xsl:template name="plain">
  <xsl:param name="text"/>
  <xsl:choose>
    <xsl:when test="contains($text, '&lt;')">
      <xsl:value-of select="substring-before($text, '&lt;')"/>
      <xsl:text> </xsl:text>
      <xsl:call-template name="plain">
        <xsl:with-param name="text" select="substring-after(substring-after($text, '&lt;'), '&gt;')"/>
      </xsl:call-template>
    </xsl:when>
    <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<!-- `text` with every `from` replaced by `to`. -->
<xsl:template name="replace">
  <xsl:param name="text"/>
  <xsl:param name="from"/>
  <xsl:param name="to"/>
  <xsl:choose>
    <xsl:when test="contains($text, $from)">
      <xsl:value-of select="substring-before($text, $from)"/>
      <xsl:value-of select="$to"/>
      <xsl:call-template name="replace">
        <xsl:with-param name="text" select="substring-after($text, $from)"/>
        <xsl:with-param name="from" select="$from"/>
        <xsl:with-param name="to" select="$to"/>
      </xsl:call-template>
    </xsl:when>
    <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<!-- An item's pubDate ("Tue, 01 Dec 2026 10:00:00 +0000", in UTC) written as the site
     writes a day in this language ("{{ example }}"): the month names and the order of
     the parts come from the site's own dates (aggregator.i18n.date_shape). -->
<xsl:template name="day">
  <xsl:param name="rfc822"/>
  <xsl:variable name="parts" select="concat(normalize-space(substring-after($rfc822, ',')), ' ')"/>
  <xsl:variable name="day" select="number(substring-before($parts, ' '))"/>
  <xsl:variable name="after_day" select="substring-after($parts, ' ')"/>
  <xsl:variable name="month" select="substring-before($after_day, ' ')"/>
  <xsl:variable name="year" select="substring-before(substring-after($after_day, ' '), ' ')"/>
  <xsl:choose>
    <xsl:when test="$day &gt;= 1 and $day &lt;= 31 and contains('{% for abbr, _name in months %}|{{ abbr }}{% endfor %}|', concat('|', $month, '|'))">
{% for field in dates.fields %}
{% if dates.texts[loop.index0] %}
      <xsl:text>{{ dates.texts[loop.index0]|e }}</xsl:text>
{% endif %}
{% if field == "day" %}
      <xsl:choose>
        <xsl:when test="$day = 1">{{ dates.first_day|e }}</xsl:when>
        <xsl:otherwise><xsl:value-of select="$day"/></xsl:otherwise>
      </xsl:choose>
{% elif field == "month" %}
      <xsl:choose>
{% for abbr, name in months %}
        <xsl:when test="$month = '{{ abbr }}'">{{ name|e }}</xsl:when>
{% endfor %}
      </xsl:choose>
{% else %}
      <xsl:value-of select="$year"/>
{% endif %}
{% endfor %}
{% if dates.texts[-1] %}
      <xsl:text>{{ dates.texts[-1]|e }}</xsl:text>
{% endif %}
    </xsl:when>
    <xsl:otherwise><xsl:value-of select="$rfc822"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<!-- A category as the site names it in this language: a topic's or a region's label, a
     country's name; any other (a partner, a tag of our own) as the feed writes it. -->
<xsl:template name="category">
  <xsl:param name="value"/>
{% if categories %}
  <xsl:variable name="slug" select="translate($value, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"/>
  <xsl:choose>
{% for kind, value, label in categories %}
    <xsl:when test="{{ '$value' if kind == 'country' else '$slug' }} = '{{ value }}'">{{ label|e }}</xsl:when>
{% endfor %}
    <xsl:otherwise><xsl:value-of select="$value"/></xsl:otherwise>
  </xsl:choose>
{% else %}
  <xsl:value-of select="$value"/>
{% endif %}
</xsl:template>

<!-- The description as a reader sees it: no tags, the common entities read back. -->
<xsl:template name="readable">
  <xsl:param name="html"/>
  <xsl:variable name="plain"><xsl:call-template name="plain"><xsl:with-param name="text" select="$html"/></xsl:call-template></xsl:variable>
  <xsl:variable name="lt"><xsl:call-template name="replace"><xsl:with-param name="text" select="$plain"/><xsl:with-param name="from" select="'&amp;lt;'"/><xsl:with-param name="to" select="'&lt;'"/></xsl:call-template></xsl:variable>
  <xsl:variable name="gt"><xsl:call-template name="replace"><xsl:with-param name="text" select="$lt"/><xsl:with-param name="from" select="'&amp;gt;'"/><xsl:with-param name="to" select="'&gt;'"/></xsl:call-template></xsl:variable>
  <xsl:variable name="nbsp"><xsl:call-template name="replace"><xsl:with-param name="text" select="$gt"/><xsl:with-param name="from" select="'&amp;nbsp;'"/><xsl:with-param name="to" select="' '"/></xsl:call-template></xsl:variable>
  <xsl:call-template name="replace"><xsl:with-param name="text" select="$nbsp"/><xsl:with-param name="from" select="'&amp;amp;'"/><xsl:with-param name="to" select="'&amp;'"/></xsl:call-template>
</xsl:template>

<xsl:template match="/">
<html lang="{{ lang }}">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<link rel="icon" type="image/svg+xml" href="{$up}{{ icon }}"/>
{# the feed's title goes where the translation puts it: the message is split around it #}
{% set around = _("%(title)s (feed)", title="%(title)s").split("%(title)s") %}
<title>{{ around[0]|e }}<xsl:value-of select="/rss/channel/title"/>{{ around[1]|e }}</title>
<style>
:root { color-scheme: light dark; --fg: #1a1a1a; --muted: #555; --bg: #fff; --link: #0b4f8a; --line: #d8d8d8; --box: #f3f6f9; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e8e8e8; --muted: #b0b0b0; --bg: #141414; --link: #8cc4ff; --line: #3a3a3a; --box: #1f2429; }
}
*, *::before, *::after { box-sizing: border-box; }
body { margin: 0 auto; max-width: 46rem; padding: 1rem; font: 1rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); overflow-wrap: anywhere; }
a { color: var(--link); }
a:focus-visible, input:focus-visible { outline: 3px solid var(--link); outline-offset: 2px; }
h1 { font-size: 1.5rem; line-height: 1.2; margin: .5rem 0; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; }
h3 { font-size: 1.05rem; line-height: 1.3; margin: 0 0 .2rem; }
.about { background: var(--box); border: 1px solid var(--line); border-radius: .4rem; padding: .75rem 1rem; }
label { display: block; font-weight: 600; margin: .5rem 0 .25rem; }
input { width: 100%; font: inherit; padding: .4rem .5rem; color: var(--fg); background: var(--bg); border: 1px solid var(--muted); border-radius: .25rem; }
ol { list-style: none; padding: 0; }
li { padding: .7rem 0; border-bottom: 1px solid var(--line); }
.meta, footer { color: var(--muted); font-size: .9rem; margin: .2rem 0; }
.summary { margin: .3rem 0; }
</style>
</head>
<body>
<header>
<p><a href="{/rss/channel/link}"><xsl:value-of select="/rss/channel/title"/></a></p>
<h1><xsl:value-of select="/rss/channel/title"/></h1>
<p><xsl:value-of select="/rss/channel/description"/></p>
</header>
<main>
<section class="about" aria-labelledby="follow">
<h2 id="follow" style="margin-top: 0">{{ _("Follow this feed in a feed reader") }}</h2>
<p>{{ _("This page is a feed: a feed reader (Feedly, Inoreader, Thunderbird, Outlook …) shows its new items as they are published.") }}
{{ _("Copy its address below and paste it into your reader's \"add a feed\" or \"follow\" box.") }}</p>
<label for="address">{{ _("Address of this feed") }}</label>
<input id="address" type="text" readonly="readonly" value="{$self}"/>
</section>
<section aria-labelledby="items">
<h2 id="items">{{ _("Latest items") }} (<xsl:value-of select="count(/rss/channel/item)"/>)</h2>
<ol>
<xsl:for-each select="/rss/channel/item">
<li>
<h3><a href="{link}"><xsl:value-of select="title"/></a></h3>
<p class="meta">
<xsl:call-template name="day"><xsl:with-param name="rfc822" select="pubDate"/></xsl:call-template>
<xsl:for-each select="category[not(contains(., ':')) and . != 'call' and . != 'event' and . != 'news']">
<!-- " · " between them: a label may hold a comma ("Tin, tantalum, tungsten (3T)") -->
<xsl:text> · </xsl:text>
<span class="category"><xsl:call-template name="category"><xsl:with-param name="value" select="."/></xsl:call-template></span>
</xsl:for-each>
</p>
<xsl:if test="description">
<p class="summary">
<xsl:variable name="plain"><xsl:call-template name="readable"><xsl:with-param name="html" select="substring(description, 1, 600)"/></xsl:call-template></xsl:variable>
<xsl:value-of select="substring(normalize-space($plain), 1, 280)"/>
<xsl:if test="string-length(normalize-space($plain)) &gt; 280">…</xsl:if>
</p>
</xsl:if>
</li>
</xsl:for-each>
</ol>
</section>
</main>
<footer>
{% set site %}<a href="{/rss/channel/link}"><xsl:value-of select="/rss/channel/title"/></a>{% endset %}
<p>{{ _("Back to %(site)s.", site=site) }}</p>
</footer>
</body>
</html>
</xsl:template>
</xsl:stylesheet>
