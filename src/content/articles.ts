import { Marked } from 'marked'

const markdown = new Marked({ gfm: true })

/** An article's Markdown body as HTML. */
export const renderArticleMarkdown = (body: string): string => markdown.parse(body, { async: false })
