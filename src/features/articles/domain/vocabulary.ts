export const articleStates = ['draft', 'scheduled', 'published', 'archived'] as const

export type ArticleState = (typeof articleStates)[number]
