export const shiftStream = (shiftId: string) => `shift-${shiftId}`;
export const scheduleStream = (workerId: string) => `schedule-${workerId}`;
export const placementStream = (placementId: string) => `placement-${placementId}`;
