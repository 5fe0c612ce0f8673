import { ValidationError, ValidationPipe } from '@nestjs/common';
import { InvalidInput } from '@blue-ocean/kernel';

/** class-validator failures become BAD_USER_INPUT naming the first field at fault. */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    forbidUnknownValues: false,
    exceptionFactory: (errors: ValidationError[]) => {
      const [field, message] = firstProblem(errors);
      return new InvalidInput(field, message);
    },
  });
}

function firstProblem(errors: ValidationError[], prefix = ''): [string | undefined, string] {
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const messages = Object.values(error.constraints ?? {});
    if (messages.length) return [topField(path), messages[0]];
    if (error.children?.length) return firstProblem(error.children, path);
  }
  return [undefined, 'The input is not valid.'];
}

/** Nested problems (location.lat) are reported on the input field that holds them (location). */
function topField(path: string): string {
  return path.split('.')[0];
}
