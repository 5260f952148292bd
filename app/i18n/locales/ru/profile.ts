/** Russian: member profiles. */
export const profile = {
  profile: {
    school: "Школа",
    subjects: "Предметы",
    networks: "Сети",
    asked: "Вопросов задано",
    answered: "Ответов дано",
    accepted: "Ответов принято",
    helpedMost: "Где помогает больше всего",
    recentQuestions: "Последние вопросы",
    edit: "Изменить профиль",
  },
} as const;
